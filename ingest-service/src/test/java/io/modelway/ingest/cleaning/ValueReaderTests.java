package io.modelway.ingest.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ValueReaderTests {

    @Test
    void keepsANumbersTextOnlyWhenItIsAlreadyTheCanonicalForm() {
        String[] kept = {"0", "171", "-5", "0.25", "0.001", "12.5", "9999999.5", "-0.75"};
        for (String text : kept) {
            assertThat(ValueReader.canonical(text, Double.parseDouble(text))).as(text).isSameAs(text);
        }
        String[][] rewritten = {{"+5", "5"}, {"007", "7"}, {"-0", "0"}, {"0.0", "0"}, {"5.", "5"}, {".5", "0.5"},
            {"1.5e2", "150"}, {"0.0010", "0.001"}, {"3.000", "3"}, {"10000000.5", "1.00000005E7"}, {"0.0005", "5.0E-4"},
            {"1234567890123456", "1.234567890123456E15"}};
        for (String[] pair : rewritten) {
            assertThat(ValueReader.canonical(pair[0], Double.parseDouble(pair[0]))).as(pair[0]).isEqualTo(pair[1]);
        }
    }

    @Test
    void writesEveryDecimalAsTheGeneralFormattingWould() {
        SplittableRandom random = new SplittableRandom(15);
        int kept = 0;
        for (int n = 0; n < 200_000; n++) {
            int digits = 1 + random.nextInt(15);
            long significand = random.nextLong((long) Math.pow(10, digits));
            String text = new BigDecimal(BigInteger.valueOf(significand), random.nextInt(digits + 4)).toPlainString();
            text = random.nextBoolean() ? "-" + text : text;
            double x = Double.parseDouble(text);
            String canonical = ValueReader.canonical(text, x);
            assertThat(canonical).as(text).isEqualTo(ValueReader.canonical(x));
            kept += canonical == text ? 1 : 0;
        }
        assertThat(kept).as("texts kept as they are").isGreaterThan(100_000);
    }
}
