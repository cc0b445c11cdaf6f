package io.modelway.ingest.feedback;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import io.modelway.core.api.ingest.DatasetVersion;
import io.modelway.core.api.ingest.LabelledRowsUpload;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.storage.ObjectStoreException;
import io.modelway.core.storage.Sha256;
import io.modelway.core.web.ApiException;
import io.modelway.ingest.schema.DatasetSchemaRepository;
import io.modelway.ingest.uploads.DatasetNames;
import io.modelway.ingest.uploads.IngestionService;
import io.modelway.ingest.versions.DatasetVersionRepository;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Lays labelled rows out as a CSV table of the dataset's columns: after the clean rows of the base version for
 * {@code append} (streamed from the store, their SHA-256 checked as they are read), alone for {@code window}. A
 * value the dataset has no column for is left out and counted in the provenance; a missing one is an empty cell,
 * which cleaning treats as it treats any missing value.
 */
@Component
class LabelledRowsTable {

    /** The most rows one request may carry. */
    static final int MAX_ROWS = 100_000;
    private static final int MAX_HEADER_BYTES = 1 << 20;

    private final DatasetVersionRepository versions;
    private final DatasetSchemaRepository schemas;
    private final ObjectStore store;

    LabelledRowsTable(DatasetVersionRepository versions, DatasetSchemaRepository schemas, ObjectStore store) {
        this.versions = versions;
        this.schemas = schemas;
        this.store = store;
    }

    /**
     * The body to ingest and the provenance its version keeps; {@code earlier}, the version the same rows made
     * before (then there is no body).
     */
    record Table(InputStream body, IngestionService.Provenance provenance, Optional<DatasetVersion> earlier) {
    }

    Table of(String dataset, LabelledRowsUpload upload) {
        DatasetNames.check(dataset);
        String mix = upload.mix() == null ? LabelledRowsUpload.APPEND : upload.mix();
        if (!LabelledRowsUpload.APPEND.equals(mix) && !LabelledRowsUpload.WINDOW.equals(mix)) {
            throw ApiException.badRequest("mix", "must be append or window");
        }
        if (upload.baseVersion() != null && LabelledRowsUpload.WINDOW.equals(mix)) {
            throw ApiException.badRequest("baseVersion", "a window is made of its rows alone: no base version");
        }
        check(upload.rows());
        // Rows sent again (their sender could not record the version they made) make no second version, even
        // though the latest version, the base of an append, now holds them.
        String digest = digest(mix, upload.rows());
        Optional<DatasetVersion> earlier = versions.findPublishedByLabelledRows(dataset, digest);
        if (earlier.isPresent()) {
            return new Table(null, null, earlier);
        }
        Map<String, Long> notInDataset = new TreeMap<>();
        if (LabelledRowsUpload.WINDOW.equals(mix)) {
            DatasetSchema schema = schemas.find(dataset).orElseThrow(() -> ApiException.conflict("Dataset '" + dataset
                    + "' has no schema yet: labelled rows join a dataset with a version"));
            byte[] table = csv(schema.columnNames(), upload.rows(), true, notInDataset);
            return new Table(new ByteArrayInputStream(table), provenance(mix, null, upload.rows(), notInDataset, digest),
                    Optional.empty());
        }
        DatasetVersion base = base(dataset, upload.baseVersion());
        DatasetVersion.ObjectRef data = base.objects().get("data");
        BufferedInputStream rows = new BufferedInputStream(new VerifiedStream(store.open(data.key()), data.key(),
                data.sha256()), 1 << 16);
        try {
            // The appended rows take the columns of the rows they follow, whatever the dataset's schema is now.
            byte[] appended = csv(header(rows, data.key()), upload.rows(), false, notInDataset);
            return new Table(new SequenceInputStream(rows, new ByteArrayInputStream(appended)),
                    provenance(mix, base, upload.rows(), notInDataset, digest), Optional.empty());
        } catch (RuntimeException e) {
            closeQuietly(rows);
            throw e;
        }
    }

    /** The header of a stored clean table, read without consuming it. */
    private static List<String> header(BufferedInputStream table, String key) {
        try {
            table.mark(MAX_HEADER_BYTES + 1);
            byte[] head = table.readNBytes(MAX_HEADER_BYTES);
            table.reset();
            int end = 0;
            while (end < head.length && head[end] != '\n') {
                end++;
            }
            String line = new String(head, 0, end, StandardCharsets.UTF_8);
            List<String> columns = CsvReader.builder().ofCsvRecord(line).stream().findFirst()
                    .map(CsvRecord::getFields).orElseThrow(() -> new ObjectStoreException(key + " has no header", null));
            return List.copyOf(columns);
        } catch (IOException e) {
            throw new ObjectStoreException("Could not read " + key, e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Already failing: the first failure is the one reported.
        }
    }

    private DatasetVersion base(String dataset, Integer version) {
        DatasetVersion base = (version == null ? versions.latestPublished(dataset) : versions.find(dataset, version))
                .orElseThrow(() -> ApiException.notFound("Dataset '" + dataset + "' has no "
                        + (version == null ? "published version" : "version " + version) + " to append to"));
        if (!DatasetVersion.PUBLISHED.equals(base.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "baseVersion", "Dataset '" + dataset + "' v" + base.version()
                    + " is " + base.status() + ", not PUBLISHED");
        }
        return base;
    }

    private static void check(List<LabelledRowsUpload.Row> rows) {
        if (rows.isEmpty()) {
            throw ApiException.badRequest("rows", "must hold at least one labelled row");
        }
        if (rows.size() > MAX_ROWS) {
            throw ApiException.badRequest("rows", rows.size() + " rows, more than the limit of " + MAX_ROWS
                    + " in one request");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            LabelledRowsUpload.Row row = rows.get(i);
            String at = "rows[" + i + "]";
            if (row == null || row.values() == null || row.values().isEmpty()) {
                throw ApiException.badRequest(at + ".values", "must name the row's values by column");
            }
            if (row.requestId() == null || row.requestId().isBlank() || row.requestId().length() > 200) {
                throw ApiException.badRequest(at + ".requestId", "must be the prediction's request id (1-200 characters)");
            }
            if (row.model() == null || row.model().isBlank() || row.modelVersion() == null) {
                throw ApiException.badRequest(at + ".model", "must name the model and modelVersion that predicted it");
            }
            if (!seen.add(row.model() + "\n" + row.requestId())) {
                throw ApiException.badRequest(at + ".requestId", "'" + row.requestId() + "' is labelled twice");
            }
            row.values().forEach((column, value) -> {
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    throw ApiException.badRequest(at + ".values." + column, "must be a number, text, true/false or null");
                }
            });
        }
    }

    /** The rows as CSV in the dataset's column order; with a header when they are the whole table. */
    private static byte[] csv(List<String> columns, List<LabelledRowsUpload.Row> rows, boolean header,
            Map<String, Long> notInDataset) {
        Set<String> known = new HashSet<>(columns);
        StringWriter text = new StringWriter();
        // The writer buffers: closed, it has written everything into the text.
        try (CsvWriter csv = CsvWriter.builder().build(text)) {
            if (header) {
                csv.writeRecord(columns);
            }
            List<String> cells = new ArrayList<>(columns.size());
            for (LabelledRowsUpload.Row row : rows) {
                cells.clear();
                for (String column : columns) {
                    Object value = row.values().get(column);
                    cells.add(value == null ? "" : value.toString());
                }
                csv.writeRecord(cells);
                row.values().keySet().stream().filter(name -> !known.contains(name))
                        .forEach(name -> notInDataset.merge(name, 1L, Long::sum));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The SHA-256 of the mix and the rows as sent (JSON, in their order). */
    private static String digest(String mix, List<LabelledRowsUpload.Row> rows) {
        Map<String, Object> basis = new LinkedHashMap<>();
        basis.put("mix", mix);
        basis.put("rows", rows);
        return Sha256.of(ModelwayJson.toBytes(basis));
    }

    private static IngestionService.Provenance provenance(String mix, DatasetVersion base,
            List<LabelledRowsUpload.Row> rows, Map<String, Long> notInDataset, String digest) {
        Map<String, Map<String, Object>> byVersion = new TreeMap<>();
        Instant first = null;
        Instant last = null;
        List<Map<String, Object>> predictions = new ArrayList<>(rows.size());
        for (LabelledRowsUpload.Row row : rows) {
            Map<String, Object> count = byVersion.computeIfAbsent(row.model() + " v" + row.modelVersion(), k -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("model", row.model());
                entry.put("version", row.modelVersion());
                entry.put("rows", 0L);
                return entry;
            });
            count.put("rows", (Long) count.get("rows") + 1);
            if (row.labelledAt() != null) {
                first = first == null || row.labelledAt().isBefore(first) ? row.labelledAt() : first;
                last = last == null || row.labelledAt().isAfter(last) ? row.labelledAt() : last;
            }
            predictions.add(Map.of("requestId", row.requestId(), "model", row.model(), "version", row.modelVersion()));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("kind", "feedback");
        summary.put("mix", mix);
        summary.put("baseVersion", base == null ? null : base.version());
        summary.put("feedbackRows", rows.size());
        summary.put("modelVersions", List.copyOf(byVersion.values()));
        summary.put("labelledFrom", first);
        summary.put("labelledTo", last);
        summary.put("rowsSha256", digest);
        if (!notInDataset.isEmpty()) {
            summary.put("valuesNotInDataset", notInDataset);
        }
        Map<String, Object> manifest = new LinkedHashMap<>(summary);
        manifest.put("predictions", predictions);
        return new IngestionService.Provenance(summary, manifest);
    }
}
