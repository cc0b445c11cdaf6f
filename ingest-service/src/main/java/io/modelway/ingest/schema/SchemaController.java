package io.modelway.ingest.schema;

import io.modelway.core.schema.ColumnSchema;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.web.ApiException;
import io.modelway.ingest.uploads.DatasetNames;
import java.util.HashSet;
import java.util.Set;
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
    DatasetSchema declare(@PathVariable String dataset, @RequestBody DatasetSchema schema) {
        DatasetNames.check(dataset);
        if (schema.columns().isEmpty()) {
            throw ApiException.badRequest("columns", "a schema needs at least one column");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < schema.columns().size(); i++) {
            ColumnSchema column = schema.columns().get(i);
            if (column.name() == null || column.name().isBlank()) {
                throw ApiException.badRequest("columns[" + i + "].name", "is required");
            }
            if (column.type() == null) {
                throw ApiException.badRequest("columns[" + i + "].type", "is required: NUMERIC, CATEGORICAL or TEXT");
            }
            if (!names.add(column.name())) {
                throw ApiException.badRequest("columns[" + i + "].name", "'" + column.name() + "' is declared twice");
            }
        }
        schemas.declare(dataset, schema);
        return schema;
    }
}
