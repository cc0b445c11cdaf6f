import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The raw parse rate of a CSV file with the parser and settings ingest uses (FastCSV, strict UTF-8),
 * touching every field: the ceiling ingest's own rows/s is compared with. Parses for two seconds to
 * warm up, then reports the best of 20 timed parses. Usage: java -cp fastcsv.jar CsvParseRate.java file.csv
 */
public class CsvParseRate {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        double best = 0;
        long rows = 0;
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        for (int run = 0; run < 20 || System.nanoTime() < warmUntil; run++) {
            long start = System.nanoTime();
            long fields = 0;
            rows = 0;
            try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
                    CsvReader<CsvRecord> csv = CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
                            .ofCsvRecord(reader)) {
                for (CsvRecord record : csv) {
                    rows++;
                    for (String field : record.getFields()) {
                        fields += field.length();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (System.nanoTime() >= warmUntil) {
                best = Math.max(best, (rows - 1) / seconds);
            } else {
                run = -1;
            }
            if (fields < 0) {
                throw new IllegalStateException();
            }
        }
        System.out.printf("%d %.0f%n", rows - 1, best);
    }
}
