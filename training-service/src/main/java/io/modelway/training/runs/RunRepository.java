package io.modelway.training.runs;

import io.modelway.core.api.training.TrainingRun;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

@Repository
public class RunRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    RunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID runId, String model, String reason, String dataset, Integer datasetVersion, Object spec,
            String requestedBy) {
        jdbc.sql("""
                insert into training_runs (run_id, model, status, reason, dataset, dataset_version, spec, requested_by)
                values (:id, :m, 'QUEUED', :r, :d, :dv, :s::jsonb, :who)""")
                .param("id", runId).param("m", model).param("r", reason).param("d", dataset).param("dv", datasetVersion)
                .param("s", ModelwayJson.toText(spec)).param("who", requestedBy).update();
    }

    void start(UUID runId, int datasetVersion, String datasetSha256, String paramsSha256, String codeVersion, int epochs) {
        jdbc.sql("""
                update training_runs set status = 'RUNNING', started_at = now(), dataset_version = :dv,
                  dataset_sha256 = :ds, params_sha256 = :ps, code_version = :cv, epochs = :e where run_id = :id""")
                .param("dv", datasetVersion).param("ds", datasetSha256).param("ps", paramsSha256).param("cv", codeVersion)
                .param("e", epochs).param("id", runId).update();
    }

    void progress(UUID runId, int epoch, List<Map<String, Object>> history) {
        jdbc.sql("update training_runs set epoch = :e, history = :h::jsonb where run_id = :id")
                .param("e", epoch).param("h", ModelwayJson.toText(history)).param("id", runId).update();
    }

    void succeed(UUID runId, Map<String, Object> metrics, int modelVersion, Map<String, Object> promotion) {
        jdbc.sql("""
                update training_runs set status = 'SUCCEEDED', metrics = :m::jsonb, model_version = :v,
                  promotion = :p::jsonb, finished_at = now() where run_id = :id""")
                .param("m", ModelwayJson.toText(metrics)).param("v", modelVersion)
                .param("p", promotion == null ? null : ModelwayJson.toText(promotion)).param("id", runId).update();
    }

    void fail(UUID runId, String error) {
        jdbc.sql("update training_runs set status = 'FAILED', error = :e, finished_at = now() where run_id = :id")
                .param("e", error).param("id", runId).update();
    }

    /** Runs left RUNNING by a stopped process cannot be resumed; they are marked FAILED on start. */
    int failInterrupted() {
        return jdbc.sql("""
                update training_runs set status = 'FAILED', error = 'interrupted: the service stopped during the run',
                  finished_at = now() where status = 'RUNNING'""").update();
    }

    List<UUID> queued() {
        return jdbc.sql("select run_id from training_runs where status = 'QUEUED' order by created_at")
                .query(UUID.class).list();
    }

    public Optional<TrainingRun> find(UUID runId) {
        return jdbc.sql("select * from training_runs where run_id = :id").param("id", runId)
                .query(RunRepository::map).optional();
    }

    private static final String FILTER = """
            (cast(:m as text) is null or model = :m) and (cast(:s as text) is null or status = :s)
            and (cast(:r as text) is null or reason = :r)""";

    public List<TrainingRun> list(String model, String status, String reason, Paging paging) {
        return jdbc.sql("select * from training_runs where " + FILTER + " order by created_at desc limit :l offset :o")
                .param("m", model).param("s", status).param("r", reason).param("l", paging.limit())
                .param("o", paging.offset()).query(RunRepository::map).list();
    }

    public long count(String model, String status, String reason) {
        return jdbc.sql("select count(*) from training_runs where " + FILTER)
                .param("m", model).param("s", status).param("r", reason).query(Long.class).single();
    }

    private static TrainingRun map(ResultSet rs, int n) throws SQLException {
        return new TrainingRun(rs.getObject("run_id", UUID.class), rs.getString("model"), rs.getString("status"),
                rs.getString("reason"), rs.getString("dataset"), (Integer) rs.getObject("dataset_version"),
                rs.getString("dataset_sha256"), ModelwayJson.mapper().readValue(rs.getString("spec"), MAP),
                rs.getString("params_sha256"), rs.getString("code_version"), rs.getInt("epoch"), rs.getInt("epochs"),
                ModelwayJson.mapper().readValue(rs.getString("history"), LIST),
                ModelwayJson.mapper().readValue(rs.getString("metrics"), MAP), (Integer) rs.getObject("model_version"),
                rs.getString("promotion") == null ? null : ModelwayJson.mapper().readValue(rs.getString("promotion"), MAP),
                rs.getString("error"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")), rs.getString("requested_by"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
