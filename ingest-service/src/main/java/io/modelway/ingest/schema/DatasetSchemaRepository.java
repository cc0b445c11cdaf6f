package io.modelway.ingest.schema;

import io.modelway.core.json.ModelwayJson;
import io.modelway.core.schema.DatasetSchema;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The schema each dataset's uploads are cleaned against: declared by a user, or inferred from the first upload. */
@Repository
public class DatasetSchemaRepository {

    private final JdbcClient jdbc;

    DatasetSchemaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<DatasetSchema> find(String dataset) {
        return jdbc.sql("select schema_json from datasets where name = :d and schema_json is not null")
                .param("d", dataset).query(String.class).optional()
                .map(json -> ModelwayJson.read(json, DatasetSchema.class));
    }

    public boolean isDeclared(String dataset) {
        return jdbc.sql("select schema_declared from datasets where name = :d").param("d", dataset)
                .query(Boolean.class).optional().orElse(false);
    }

    public void declare(String dataset, DatasetSchema schema, String actor) {
        jdbc.sql("""
                insert into datasets (name, schema_json, schema_declared, schema_declared_by)
                values (:d, :s::jsonb, true, :who)
                on conflict (name) do update set schema_json = excluded.schema_json, schema_declared = true,
                  schema_declared_by = excluded.schema_declared_by""")
                .param("d", dataset).param("s", ModelwayJson.toText(schema)).param("who", actor).update();
    }

    /** Keeps an inferred schema unless the dataset already has one. */
    public void saveInferred(String dataset, DatasetSchema schema) {
        jdbc.sql("update datasets set schema_json = :s::jsonb where name = :d and schema_json is null")
                .param("d", dataset).param("s", ModelwayJson.toText(schema)).update();
    }
}
