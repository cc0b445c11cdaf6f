package io.modelway.training.runs;

import io.modelway.core.api.training.TrainingRun;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.web.ApiException;
import io.modelway.core.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
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
    private final RunLeases leases;

    RunRepository(JdbcClient jdbc, RunLeases leases) {
        this.jdbc = jdbc;
        this.leases = leases;
    }

    void insert(UUID runId, String model, String reason, String dataset, Integer datasetVersion, Object spec,
            String requestedBy) {
        jdbc.sql("""
                insert into training_runs (run_id, model, status, reason, dataset, dataset_version, spec, requested_by)
                values (:id, :m, 'QUEUED', :r, :d, :dv, :s::jsonb, :who)""")
                .param("id", runId).param("m", model).param("r", reason).param("d", dataset).param("dv", datasetVersion)
                .param("s", ModelwayJson.toText(spec)).param("who", requestedBy).update();
    }

    /**
     * The run's status changes below are made only while this replica owns it ({@code owner}, which stays on a
     * finished run to say which replica ran it) and it is RUNNING: a replica whose lease ran out, and whose run was
     * claimed again elsewhere, cannot change it back ({@link LeaseLost}).
     */
    private static final String OWNED = " where run_id = :id and owner = :owner and status = 'RUNNING'";

    void start(UUID runId, int datasetVersion, String datasetSha256, String paramsSha256, String codeVersion, int epochs) {
        owned(runId, jdbc.sql("""
                update training_runs set dataset_version = :dv, dataset_sha256 = :ds, params_sha256 = :ps,
                  code_version = :cv, epochs = :e, epoch = 0, history = '[]'""" + OWNED)
                .param("dv", datasetVersion).param("ds", datasetSha256).param("ps", paramsSha256).param("cv", codeVersion)
                .param("e", epochs));
    }

    void progress(UUID runId, int epoch, List<Map<String, Object>> history) {
        owned(runId, jdbc.sql("update training_runs set epoch = :e, history = :h::jsonb" + OWNED)
                .param("e", epoch).param("h", ModelwayJson.toText(history)));
    }

    void succeed(UUID runId, Map<String, Object> metrics, int modelVersion, Map<String, Object> promotion) {
        owned(runId, jdbc.sql("""
                update training_runs set status = 'SUCCEEDED', metrics = :m::jsonb, model_version = :v,
                  promotion = :p::jsonb, finished_at = now(), lease_until = null""" + OWNED)
                .param("m", ModelwayJson.toText(metrics)).param("v", modelVersion)
                .param("p", promotion == null ? null : ModelwayJson.toText(promotion)));
    }

    /**
     * The latest SUCCEEDED run of {@code model} that registered a version from exactly this training: the same
     * parameter hash (type, label, parameters with the seed, the data's SHA-256) and the same code.
     */
    Optional<TrainingRun> sameTraining(String model, String paramsSha256, String codeVersion) {
        return jdbc.sql("""
                select * from training_runs where model = :m and status = 'SUCCEEDED' and params_sha256 = :ps
                  and code_version = :cv and model_version is not null
                order by finished_at desc limit 1""")
                .param("m", model).param("ps", paramsSha256).param("cv", codeVersion).query(RunRepository::map)
                .optional();
    }

    void fail(UUID runId, String error) {
        owned(runId, jdbc.sql("""
                update training_runs set status = 'FAILED', error = :e, finished_at = now(), lease_until = null"""
                + OWNED).param("e", error));
    }

    /** A promotion decision taken again, over one that could not be taken. */
    void promotion(UUID runId, Map<String, Object> decision) {
        int changed = jdbc.sql("""
                update training_runs set promotion = :p::jsonb
                where run_id = :id and status = 'SUCCEEDED' and promotion ->> 'retryable' = 'true'""")
                .param("p", ModelwayJson.toText(decision)).param("id", runId).update();
        if (changed == 0) {
            throw ApiException.conflict("Run " + runId + "'s promotion was decided meanwhile");
        }
    }

    /** Gives the run back to the queue (this replica is stopping), with the reason. */
    void requeue(UUID runId, String why) {
        owned(runId, jdbc.sql("""
                update training_runs set status = 'QUEUED', error = :e, started_at = null, owner = null,
                  lease_until = null""" + OWNED).param("e", why));
    }

    private void owned(UUID runId, JdbcClient.StatementSpec update) {
        if (update.param("id", runId).param("owner", leases.owner()).update() == 0) {
            throw new LeaseLost(runId);
        }
    }

    /**
     * Claims the oldest QUEUED run whose model has no run RUNNING, for this replica. Empty when there is none, or
     * when another replica claimed a run of the same model at the same moment (the database allows one).
     */
    Optional<UUID> claim() {
        try {
            return jdbc.sql("""
                    update training_runs set status = 'RUNNING', started_at = now(), owner = :owner,
                      lease_until = now() + cast(:lease as interval), attempts = attempts + 1, error = null
                    where run_id = (
                      select run_id from training_runs q where q.status = 'QUEUED'
                        and not exists (select 1 from training_runs r where r.model = q.model and r.status = 'RUNNING')
                      order by created_at limit 1 for update skip locked)
                    returning run_id""").param("owner", leases.owner()).param("lease", leases.interval())
                    .query(UUID.class).optional();
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    /** Extends the leases of the runs this replica is running. */
    void renewLeases() {
        jdbc.sql("""
                update training_runs set lease_until = now() + cast(:lease as interval)
                where owner = :owner and status = 'RUNNING'""")
                .param("owner", leases.owner()).param("lease", leases.interval()).update();
    }

    /** A run whose lease ran out, as it was reclaimed: queued again, or failed after its last attempt. */
    record Reclaimed(UUID runId, String model, String status, String error) {
    }

    /**
     * Runs whose owner stopped renewing their lease: queued again while they have attempts left, else FAILED with
     * the reason. Only expired leases: a run another live replica is training is never touched.
     */
    List<Reclaimed> reclaimExpired() {
        return jdbc.sql("""
                with expired as (
                  select run_id, owner from training_runs
                  where status = 'RUNNING' and (lease_until is null or lease_until < now())
                  for update skip locked)
                update training_runs t set
                  status = case when t.attempts < :attempts then 'QUEUED' else 'FAILED' end,
                  error = 'interrupted: ' || coalesce(expired.owner, 'its replica') || ' stopped renewing its lease'
                    || case when t.attempts < :attempts then '; queued again' else ' after '
                    || t.attempts || ' attempts' end,
                  finished_at = case when t.attempts < :attempts then null else now() end,
                  started_at = case when t.attempts < :attempts then null else t.started_at end,
                  owner = null, lease_until = null
                from expired where t.run_id = expired.run_id
                returning t.run_id, t.model, t.status, t.error""")
                .param("attempts", leases.attempts())
                .query((rs, n) -> new Reclaimed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4))).list();
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
