package io.modelway.registry.models;

import io.modelway.core.api.registry.ModelSummary;
import io.modelway.core.api.registry.ModelVersion;
import io.modelway.core.api.registry.VersionLineage;
import io.modelway.core.api.registry.VersionMetadata;
import io.modelway.core.json.ModelwayJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

@Repository
public class ModelRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    ModelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the model (creating it if new) and returns its next version number. */
    int lockAndNextVersion(String model) {
        jdbc.sql("insert into models (name) values (:m) on conflict do nothing").param("m", model).update();
        jdbc.sql("select name from models where name = :m for update").param("m", model).query().singleRow();
        return jdbc.sql("select coalesce(max(version), 0) + 1 from model_versions where model = :m")
                .param("m", model).query(Integer.class).single();
    }

    void insert(String model, int version, VersionMetadata meta, List<ModelVersion.Artifact> artifacts, String actor) {
        jdbc.sql("""
                insert into model_versions (model, version, run_id, model_type, dataset, dataset_version, dataset_sha256,
                  params_sha256, metrics, params, lineage)
                values (:m, :v, :run, :type, :ds, :dsv, :dssha, :psha, :metrics::jsonb, :params::jsonb, :lineage::jsonb)""")
                .param("m", model).param("v", version).param("run", meta.runId()).param("type", meta.modelType())
                .param("ds", meta.dataset()).param("dsv", meta.datasetVersion()).param("dssha", meta.datasetSha256())
                .param("psha", meta.paramsSha256()).param("metrics", ModelwayJson.toText(meta.metrics()))
                .param("params", ModelwayJson.toText(meta.params()))
                .param("lineage", ModelwayJson.toText(meta.lineage())).update();
        for (ModelVersion.Artifact a : artifacts) {
            jdbc.sql("""
                    insert into model_artifacts (model, version, file, object_key, sha256, size)
                    values (:m, :v, :f, :k, :s, :z)""")
                    .param("m", model).param("v", version).param("f", a.file()).param("k", a.key())
                    .param("s", a.sha256()).param("z", a.size()).update();
        }
        meta.tags().forEach((tag, value) -> jdbc.sql("""
                insert into version_tags (model, version, tag, value, updated_by) values (:m, :n, :t, :v, :who)""")
                .param("m", model).param("n", version).param("t", tag).param("v", value).param("who", actor).update());
    }

    public List<ModelSummary> models() {
        return jdbc.sql("""
                select m.name, m.created_at, count(v.version) as versions, max(v.version) as latest
                from models m left join model_versions v on v.model = m.name
                group by m.name, m.created_at order by m.name""")
                .query((rs, n) -> new ModelSummary(rs.getString("name"), rs.getInt("versions"),
                        (Integer) rs.getObject("latest"), aliases(rs.getString("name")), tags(rs.getString("name")),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    public boolean exists(String model) {
        return jdbc.sql("select count(*) from models where name = :m").param("m", model).query(Long.class).single() > 0;
    }

    public Optional<ModelVersion> find(String model, int version) {
        return jdbc.sql("select * from model_versions where model = :m and version = :v")
                .param("m", model).param("v", version).query(this::map).optional();
    }

    public List<ModelVersion> versions(String model) {
        return jdbc.sql("select * from model_versions where model = :m order by version")
                .param("m", model).query(this::map).list();
    }

    /** Alias name to version, for one model. */
    public Map<String, Integer> aliases(String model) {
        Map<String, Integer> result = new TreeMap<>();
        jdbc.sql("select alias, version from aliases where model = :m").param("m", model)
                .query((ResultSet rs) -> {
                    result.put(rs.getString(1), rs.getInt(2));
                });
        return result;
    }

    /** Tag name to value, of the model itself. */
    public Map<String, String> tags(String model) {
        return tags(jdbc.sql("select tag, value from model_tags where model = :m").param("m", model));
    }

    /** Tag name to value, of one version. */
    public Map<String, String> tags(String model, int version) {
        return tags(jdbc.sql("select tag, value from version_tags where model = :m and version = :v")
                .param("m", model).param("v", version));
    }

    private static Map<String, String> tags(JdbcClient.StatementSpec query) {
        Map<String, String> result = new TreeMap<>();
        query.query((ResultSet rs) -> {
            result.put(rs.getString(1), rs.getString(2));
        });
        return result;
    }

    private ModelVersion map(ResultSet rs, int row) throws SQLException {
        String model = rs.getString("model");
        int version = rs.getInt("version");
        List<ModelVersion.Artifact> artifacts = jdbc.sql("""
                select file, object_key, sha256, size from model_artifacts where model = :m and version = :v order by file""")
                .param("m", model).param("v", version)
                .query((a, n) -> new ModelVersion.Artifact(a.getString(1), a.getString(2), a.getString(3), a.getLong(4)))
                .list();
        List<String> aliases = aliases(model).entrySet().stream().filter(e -> e.getValue() == version)
                .map(Map.Entry::getKey).toList();
        return new ModelVersion(model, version, rs.getObject("run_id", UUID.class), rs.getString("model_type"),
                rs.getString("dataset"), (Integer) rs.getObject("dataset_version"), rs.getString("dataset_sha256"),
                rs.getString("params_sha256"), ModelwayJson.mapper().readValue(rs.getString("metrics"), MAP),
                ModelwayJson.mapper().readValue(rs.getString("params"), MAP), artifacts, aliases, tags(model, version),
                ModelwayJson.mapper().readValue(rs.getString("lineage"), VersionLineage.class),
                rs.getTimestamp("created_at").toInstant());
    }
}
