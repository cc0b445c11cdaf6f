package io.modelway.training.specs;

import io.modelway.core.api.training.TrainingSpec;
import io.modelway.core.json.ModelwayJson;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SpecRepository {

    private final JdbcClient jdbc;

    SpecRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(TrainingSpec spec) {
        jdbc.sql("""
                insert into training_specs (model, spec, updated_by) values (:m, :s::jsonb, :who)
                on conflict (model) do update set spec = excluded.spec, updated_at = now(), updated_by = excluded.updated_by""")
                .param("m", spec.model()).param("s", ModelwayJson.toText(spec)).param("who", spec.updatedBy()).update();
    }

    /** Removes the spec and its schedule clock; false when there was none. */
    public boolean delete(String model) {
        jdbc.sql("delete from schedule_state where model = :m").param("m", model).update();
        return jdbc.sql("delete from training_specs where model = :m").param("m", model).update() > 0;
    }

    public Optional<TrainingSpec> find(String model) {
        return jdbc.sql("select spec from training_specs where model = :m").param("m", model).query(String.class)
                .optional().map(json -> ModelwayJson.read(json, TrainingSpec.class));
    }

    public List<TrainingSpec> all() {
        return jdbc.sql("select spec from training_specs order by model").query(String.class).list().stream()
                .map(json -> ModelwayJson.read(json, TrainingSpec.class)).toList();
    }

    public List<TrainingSpec> forDataset(String dataset) {
        return all().stream().filter(s -> dataset.equals(s.dataset())).toList();
    }
}
