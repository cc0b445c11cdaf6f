package io.modelway.ingest.versions;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import io.modelway.core.api.ingest.DatasetVersion;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.web.ApiException;
import io.modelway.core.web.Paging;
import io.modelway.ingest.uploads.UploadProgress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/datasets")
class DatasetController {

    private final DatasetVersionRepository versions;
    private final ObjectStore store;
    private final UploadProgress progress;

    DatasetController(DatasetVersionRepository versions, ObjectStore store, UploadProgress progress) {
        this.versions = versions;
        this.store = store;
        this.progress = progress;
    }

    /** Datasets by name, paged. */
    @GetMapping
    ResponseEntity<List<DatasetSummary>> datasets(@RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        return Paging.of(limit, offset, 1000).page(versions.datasets());
    }

    /** Versions, oldest first, optionally only those with one status; paged. */
    @GetMapping("/{dataset}/versions")
    ResponseEntity<List<DatasetVersion>> versions(@PathVariable String dataset,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        Paging paging = Paging.of(limit, offset, 1000);
        if (status != null && !List.of(DatasetVersion.PENDING, DatasetVersion.PUBLISHED, DatasetVersion.FAILED)
                .contains(status)) {
            throw ApiException.badRequest("status", "must be PENDING, PUBLISHED or FAILED");
        }
        if (!versions.datasetExists(dataset)) {
            throw ApiException.notFound("Dataset '" + dataset + "' does not exist");
        }
        return paging.page(versions.list(dataset).stream()
                .filter(v -> status == null || status.equals(v.status())).map(this::withProgress).toList());
    }

    /** A version by number, or {@code latest} for the newest published one. */
    @GetMapping("/{dataset}/versions/{version}")
    DatasetVersion version(@PathVariable String dataset, @PathVariable String version) {
        return withProgress(resolve(dataset, version));
    }

    /** A version still being ingested shows the rows read so far. */
    private DatasetVersion withProgress(DatasetVersion version) {
        UploadProgress.Counts counts = DatasetVersion.PENDING.equals(version.status())
                ? progress.inProgress(version.dataset(), version.version()) : null;
        return counts == null ? version : version.withCounts(counts.received(), counts.clean(), counts.quarantined());
    }

    @GetMapping(value = "/{dataset}/versions/{version}/profile", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> profile(@PathVariable String dataset, @PathVariable String version) {
        return object(resolve(dataset, version), "profile", MediaType.APPLICATION_JSON);
    }

    /** The quarantined rows with line, reason, column, detail and raw text; with {@code limit}, only the first rows. */
    @GetMapping(value = "/{dataset}/versions/{version}/quarantine", produces = "text/csv")
    ResponseEntity<?> quarantine(@PathVariable String dataset, @PathVariable String version,
            @RequestParam(required = false) Integer limit) throws IOException {
        DatasetVersion v = published(resolve(dataset, version));
        MediaType csv = MediaType.parseMediaType("text/csv");
        if (limit == null) {
            return ResponseEntity.ok().contentType(csv)
                    .body(new InputStreamResource(store.open(v.objects().get("quarantine").key())));
        }
        if (limit < 0 || limit > 10_000) {
            throw ApiException.badRequest("limit", "must be between 0 and 10000");
        }
        // Read as CSV records, not lines: a raw row may hold quoted line breaks.
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(new InputStreamReader(
                store.open(v.objects().get("quarantine").key()), StandardCharsets.UTF_8));
                CsvWriter writer = CsvWriter.builder().build(new OutputStreamWriter(first, StandardCharsets.UTF_8))) {
            reader.stream().limit(limit + 1L).forEach(record -> writer.writeRecord(record.getFields()));
        }
        return ResponseEntity.ok().contentType(csv).body(first.toByteArray());
    }

    private ResponseEntity<byte[]> object(DatasetVersion version, String name, MediaType type) {
        DatasetVersion.ObjectRef ref = published(version).objects().get(name);
        return ResponseEntity.ok().contentType(type).body(store.getVerified(ref.key(), ref.sha256()));
    }

    private static DatasetVersion published(DatasetVersion version) {
        if (!DatasetVersion.PUBLISHED.equals(version.status())) {
            throw ApiException.conflict("Version " + version.version() + " of '" + version.dataset() + "' is "
                    + version.status() + " and has no published objects");
        }
        return version;
    }

    private DatasetVersion resolve(String dataset, String version) {
        if ("latest".equals(version)) {
            return versions.latestPublished(dataset)
                    .orElseThrow(() -> ApiException.notFound("Dataset '" + dataset + "' has no published version"));
        }
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("version", "must be a version number or 'latest', got '" + version + "'");
        }
        return versions.find(dataset, number)
                .orElseThrow(() -> ApiException.notFound("Dataset '" + dataset + "' has no version " + number));
    }
}
