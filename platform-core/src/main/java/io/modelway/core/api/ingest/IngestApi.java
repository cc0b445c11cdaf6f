package io.modelway.core.api.ingest;

import io.modelway.core.schema.DatasetSchema;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** ingest-service's API as the other services call it, with the records its controllers answer. */
@HttpExchange(url = "/api/datasets", accept = MediaType.APPLICATION_JSON_VALUE)
public interface IngestApi {

    /** A version by number, or {@code latest} for the newest published one. */
    @GetExchange("/{dataset}/versions/{version}")
    DatasetVersion version(@PathVariable String dataset, @PathVariable String version);

    /** The dataset's schema: declared, else inferred from its first version. */
    @GetExchange("/{dataset}/schema")
    DatasetSchema schema(@PathVariable String dataset);

    /** The version's {@code profile.json}, as stored. */
    @GetExchange("/{dataset}/versions/{version}/profile")
    byte[] profile(@PathVariable String dataset, @PathVariable String version);

    /**
     * Production rows with their true labels become a version, cleaned like any upload; the same rows sent again
     * answer the version they made.
     */
    @PostExchange(url = "/{dataset}/labelled-rows", contentType = MediaType.APPLICATION_JSON_VALUE)
    DatasetVersion labelledRows(@PathVariable String dataset, @RequestBody LabelledRowsUpload rows);
}
