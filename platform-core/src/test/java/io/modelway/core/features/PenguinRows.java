package io.modelway.core.features;

import io.modelway.core.dataset.CsvTable;
import io.modelway.core.schema.MissingValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The repository's samples/penguins.csv, complete rows only. */
final class PenguinRows {

    private PenguinRows() {
    }

    static CsvTable all() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("samples/penguins.csv"))) {
            dir = dir.getParent();
        }
        try (InputStream in = Files.newInputStream(dir.resolve("samples/penguins.csv"))) {
            return CsvTable.read(in);
        }
    }

    static List<Map<String, String>> complete() throws IOException {
        return all().rows().stream().filter(r -> r.values().stream().noneMatch(MissingValues::isMissing)).toList();
    }
}
