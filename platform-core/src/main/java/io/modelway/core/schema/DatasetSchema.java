package io.modelway.core.schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Optional;

/**
 * The columns of a dataset, in file order; with {@code dedupe}, a row equal to an earlier clean row of the
 * same upload is set aside as a duplicate.
 */
public record DatasetSchema(@Schema(requiredMode = REQUIRED) List<ColumnSchema> columns, Boolean dedupe) {

    public DatasetSchema {
        columns = List.copyOf(columns);
        dedupe = Boolean.TRUE.equals(dedupe);
    }

    public DatasetSchema(List<ColumnSchema> columns) {
        this(columns, null);
    }

    public Optional<ColumnSchema> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSchema::name).toList();
    }
}
