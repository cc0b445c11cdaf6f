package io.modelway.ingest.schema;

import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.web.ApiException;
import io.modelway.ingest.uploads.DatasetNames;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/datasets/{dataset}/schema")
class SchemaController {

    private final DatasetSchemaRepository schemas;

    SchemaController(DatasetSchemaRepository schemas) {
        this.schemas = schemas;
    }

    @GetMapping
    DatasetSchema get(@PathVariable String dataset) {
        return schemas.find(dataset).orElseThrow(() -> ApiException.notFound("Dataset '" + dataset + "' has no schema yet"));
    }

    /** Declares the schema; later uploads are cleaned against it instead of an inferred one. */
    @PutMapping
    DatasetSchema declare(@PathVariable String dataset, @RequestBody DatasetSchema schema, Principal actor) {
        DatasetNames.check(dataset);
        SchemaValidation.check(schema);
        schemas.declare(dataset, schema, actor.getName());
        return schema;
    }
}
