package io.modelway.ingest.uploads;

import io.modelway.core.api.ingest.DatasetVersion;
import io.modelway.core.web.ApiException;
import io.modelway.core.web.BodyLimits;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Uploads: CSV, JSON array or NDJSON, optionally gzip-encoded, read as a stream (never bound to a
 * String). 201 with the new version; 200 with the existing one when the same bytes were uploaded before.
 */
@RestController
@RequestMapping("/api/datasets/{dataset}/uploads")
class UploadController {

    private final IngestionService ingestion;

    UploadController(IngestionService ingestion) {
        this.ingestion = ingestion;
    }

    /** Uploads are read under their own size limit, not the default body limit. */
    @Configuration(proxyBeanMethods = false)
    static class Limits {

        @Bean
        BodyLimits.Route uploadBodies(UploadLimits limits) {
            return limits.route();
        }
    }

    @PostMapping(consumes = "*/*")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The rows: a CSV table with a "
            + "header, a JSON array of objects, or NDJSON; optionally gzip (Content-Encoding: gzip)", content = {
                @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "application/json", schema = @Schema(type = "array")),
                @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string", format = "binary"))})
    @ApiResponse(responseCode = "201", description = "A new dataset version, at the Location")
    @ApiResponse(responseCode = "200", description = "The same bytes as an earlier upload: that version")
    ResponseEntity<DatasetVersion> upload(@PathVariable String dataset, HttpServletRequest request, Principal actor)
            throws IOException {
        boolean gzip = gzipEncoded(request.getHeader(HttpHeaders.CONTENT_ENCODING));
        IngestionService.Outcome outcome = ingestion.ingest(dataset, request.getContentType(), gzip,
                request.getInputStream(), actor.getName());
        DatasetVersion version = outcome.version();
        if (!outcome.created()) {
            return ResponseEntity.ok().header("Modelway-Duplicate-Of", Integer.toString(version.version())).body(version);
        }
        return ResponseEntity.created(URI.create("/api/datasets/" + dataset + "/versions/" + version.version()))
                .body(version);
    }

    private static boolean gzipEncoded(String encoding) {
        if (encoding == null || encoding.isBlank() || encoding.strip().equalsIgnoreCase("identity")) {
            return false;
        }
        if (encoding.strip().equalsIgnoreCase("gzip") || encoding.strip().equalsIgnoreCase("x-gzip")) {
            return true;
        }
        throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding",
                "Content-Encoding '" + encoding + "' is not supported: send gzip or no encoding");
    }
}
