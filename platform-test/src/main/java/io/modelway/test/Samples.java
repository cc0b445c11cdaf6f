package io.modelway.test;

import io.modelway.core.dataset.CsvTable;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.schema.MissingValues;
import io.modelway.core.schema.SchemaInference;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The repository's {@code samples/} folder, found from any module's working directory. */
public final class Samples {

    private Samples() {
    }

    public static Path path(String file) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("samples").resolve(file);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("samples/" + file + " not found above " + Path.of("").toAbsolutePath());
    }

    /** Every row of the sample as it is written, empty cells and placeholders included; a {@code .gz} is unpacked. */
    public static List<Map<String, String>> rows(String file) {
        try (InputStream in = file.endsWith(".gz") ? new GZIPInputStream(new ByteArrayInputStream(bytes(file)))
                : new ByteArrayInputStream(bytes(file))) {
            return CsvTable.read(in).rows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample's rows that have a value in every column. */
    public static List<Map<String, String>> completeRows(String file) {
        CsvTable table = CsvTable.read(new ByteArrayInputStream(bytes(file)));
        return table.rows().stream().filter(r -> r.values().stream().noneMatch(MissingValues::isMissing)).toList();
    }

    /** The schema ingest would infer for these rows. */
    public static DatasetSchema inferredSchema(List<Map<String, String>> rows) {
        SchemaInference inference = new SchemaInference(List.copyOf(rows.get(0).keySet()));
        rows.forEach(r -> inference.observe(List.copyOf(r.values())));
        return inference.result();
    }

    public static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(path(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
