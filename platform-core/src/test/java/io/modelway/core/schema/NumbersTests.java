package io.modelway.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumbersTests {

    @Test
    void plainDecimalsOfUpToEighteenDigitsParseToTheSameBitsAsTheJdk() {
        Random random = new Random(15);
        for (int n = 0; n < 1_000_000; n++) {
            StringBuilder text = new StringBuilder();
            int pick = random.nextInt(3);
            if (pick == 1) {
                text.append('-');
            } else if (pick == 2) {
                text.append('+');
            }
            int digits = 1 + random.nextInt(18);
            int point = random.nextInt(digits + 2) - 1;
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    text.append('.');
                }
                text.append((char) ('0' + random.nextInt(10)));
            }
            String s = text.toString();
            assertThat(Double.doubleToRawLongBits(Numbers.parse(s).getAsDouble())).as(s)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
        }
    }

    @Test
    void decimalsBeyondTwoToTheFiftyThreeRoundToTheNearestDoubleWithTiesToEven() {
        for (String text : new String[] {"9007199254740995.0", "9007199254740993.0", "18014398509481985.0",
            "0.90071992547409935", "123456789012345678", "0.999999999999999999", "16.916666666666668",
            "-6.916666666666667", "99999999999999999.9"}) {
            assertThat(Double.doubleToRawLongBits(Numbers.parse(text).getAsDouble())).as(text)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
        assertThat(Numbers.plainDecimal("9007199254740995.0")).as("a tie, to the even neighbour")
                .isEqualTo(9007199254740996.0);
    }

    @Test
    void everyOtherSpellingIsLeftToTheJdkOrRefused() {
        assertThat(Numbers.parse(" 12.50 ")).hasValue(12.5);
        assertThat(Numbers.parse("1.")).hasValue(1.0);
        assertThat(Numbers.parse(".5")).hasValue(0.5);
        assertThat(Double.doubleToRawLongBits(Numbers.parse("-0").getAsDouble()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Numbers.parse("007")).hasValue(7.0);
        assertThat(Numbers.parse("1e5")).hasValue(100000.0);
        assertThat(Numbers.parse("-2.5E-3")).hasValue(-0.0025);
        assertThat(Numbers.parse("12345678901234567890")).hasValue(1.2345678901234567E19);
        assertThat(Numbers.parse("0.1234567890123456789")).hasValue(0.12345678901234568);
        for (String notANumber : new String[] {"", " ", ".", "-", "+", "1.2.3", "--1", "NaN", "Infinity", "0x10", "1d",
            "12 %", "1,5", "1e999"}) {
            assertThat(Numbers.parse(notANumber)).as("'%s'", notANumber).isEqualTo(OptionalDouble.empty());
        }
        assertThat(Numbers.parse(null)).isEmpty();
    }
}
