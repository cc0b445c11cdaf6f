package io.modelway.ingest.feedback;

import io.modelway.core.api.ingest.DatasetVersion;
import io.modelway.core.api.ingest.LabelledRowsUpload;
import io.modelway.core.web.BodyLimits;
import io.modelway.ingest.uploads.IngestionService;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.security.Principal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Production rows with their true labels become a dataset version: the same cleaning, quarantine, profile and
 * manifest as an upload, with the rows' provenance (which predictions, which model versions) kept in the version.
 */
@RestController
class LabelledRowsController {

    private final LabelledRowsTable tables;
    private final IngestionService ingestion;

    LabelledRowsController(LabelledRowsTable tables, IngestionService ingestion) {
        this.tables = tables;
        this.ingestion = ingestion;
    }

    /** A request of labelled rows is read under a limit of its own, room for {@value LabelledRowsTable#MAX_ROWS} rows. */
    @Configuration(proxyBeanMethods = false)
    static class Limits {

        @Bean
        BodyLimits.Route labelledRowsBodies() {
            return new BodyLimits.Route("/api/datasets/*/labelled-rows", DataSize.ofMegabytes(64), null);
        }
    }

    @PostMapping(path = "/api/datasets/{dataset}/labelled-rows", consumes = "application/json")
    @ApiResponse(responseCode = "201", description = "A new dataset version, at the Location")
    @ApiResponse(responseCode = "200", description = "The same rows on the same base as before: that version")
    ResponseEntity<DatasetVersion> labelledRows(@PathVariable String dataset, @RequestBody LabelledRowsUpload body,
            Principal actor) {
        LabelledRowsTable.Table table = tables.of(dataset, body);
        IngestionService.Outcome outcome = table.earlier().map(v -> new IngestionService.Outcome(v, false))
                .orElseGet(() -> ingestion.ingest(dataset, "text/csv", false, table.body(), actor.getName(), () -> {
                }, table.provenance()));
        DatasetVersion version = outcome.version();
        if (!outcome.created()) {
            return ResponseEntity.ok().header("Modelway-Duplicate-Of", Integer.toString(version.version())).body(version);
        }
        return ResponseEntity.created(URI.create("/api/datasets/" + dataset + "/versions/" + version.version()))
                .body(version);
    }
}
