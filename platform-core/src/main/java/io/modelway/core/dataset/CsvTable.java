package io.modelway.core.dataset;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A clean dataset file ({@code datasets/{name}/v{n}/data.csv}) read into memory as records keyed by
 * column name, the form the feature pipeline takes.
 */
public record CsvTable(List<String> columns, List<Map<String, String>> rows) {

    public static CsvTable read(InputStream in) {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(in, StandardCharsets.UTF_8)) {
            Iterator<CsvRecord> records = reader.iterator();
            if (!records.hasNext()) {
                return new CsvTable(List.of(), List.of());
            }
            List<String> columns = List.copyOf(records.next().getFields());
            List<Map<String, String>> rows = new ArrayList<>();
            while (records.hasNext()) {
                List<String> fields = records.next().getFields();
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    row.put(columns.get(i), i < fields.size() ? fields.get(i) : null);
                }
                rows.add(row);
            }
            return new CsvTable(columns, List.copyOf(rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
