package io.modelway.training.feedback;

import io.modelway.core.api.ingest.LabelledRowsUpload;
import io.modelway.core.events.LabelledPrediction;
import io.modelway.core.json.ModelwayJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** The ground truth joined for each model, and which dataset version each row went into. */
@Repository
class GroundTruthRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    GroundTruthRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps a labelled prediction; false when its request was labelled before (the first label stays). */
    boolean insert(LabelledPrediction labelled) {
        return jdbc.sql("""
                insert into ground_truth (model, request_id, model_version, input, true_label, predicted_at, labelled_at)
                values (:m, :r, :v, :i::jsonb, :l::jsonb, :p, :at)
                on conflict do nothing""")
                .param("m", labelled.model()).param("r", labelled.requestId()).param("v", labelled.version())
                .param("i", ModelwayJson.toText(labelled.input())).param("l", ModelwayJson.toText(labelled.trueLabel()))
                .param("p", timestamp(labelled.predictedAt()))
                .param("at", timestamp(labelled.occurredAt() == null ? Instant.now() : labelled.occurredAt()))
                .update() == 1;
    }

    /** Takes the model's turn to publish: the lock holds until the caller's transaction ends; false if taken. */
    boolean lockModel(String model) {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(hashtext('ground_truth'), hashtext(:m))")
                .param("m", model).query(Boolean.class).single());
    }

    /** Rows labelled within {@code maxAge} that are in no dataset version yet. */
    long pending(String model, Duration maxAge) {
        return jdbc.sql("""
                select count(*) from ground_truth
                where model = :m and dataset_version is null and labelled_at >= now() - cast(:age as interval)""")
                .param("m", model).param("age", interval(maxAge)).query(Long.class).single();
    }

    /** The newest {@code limit} rows labelled within {@code maxAge}, oldest first. */
    List<LabelledRowsUpload.Row> newest(String model, String label, Duration maxAge, int limit) {
        return jdbc.sql("""
                select * from (
                  select request_id, model_version, input, true_label, labelled_at from ground_truth
                  where model = :m and labelled_at >= now() - cast(:age as interval)
                  order by labelled_at desc, request_id desc limit :limit) newest
                order by labelled_at, request_id""")
                .param("m", model).param("age", interval(maxAge)).param("limit", limit)
                .query((rs, n) -> row(rs, model, label)).list();
    }

    /** The oldest {@code limit} rows labelled within {@code maxAge} that are in no version yet. */
    List<LabelledRowsUpload.Row> oldestPending(String model, String label, Duration maxAge, int limit) {
        return jdbc.sql("""
                select request_id, model_version, input, true_label, labelled_at from ground_truth
                where model = :m and dataset_version is null and labelled_at >= now() - cast(:age as interval)
                order by labelled_at, request_id limit :limit""")
                .param("m", model).param("age", interval(maxAge)).param("limit", limit)
                .query((rs, n) -> row(rs, model, label)).list();
    }

    /** A stored row as a row of the dataset, with {@code label} set to its truth. */
    private static LabelledRowsUpload.Row row(ResultSet rs, String model, String label) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>(ModelwayJson.mapper().readValue(rs.getString("input"), MAP));
        values.put(label, ModelwayJson.mapper().readValue(rs.getString("true_label"), Object.class));
        return new LabelledRowsUpload.Row(rs.getString("request_id"), model, rs.getInt("model_version"),
                rs.getTimestamp("labelled_at").toInstant(), values);
    }

    /** Records the version the rows went into. */
    void published(String model, List<String> requestIds, int datasetVersion) {
        jdbc.sql("update ground_truth set dataset_version = :v where model = :m and request_id = any(:ids)")
                .param("v", datasetVersion).param("m", model).param("ids", requestIds.toArray(String[]::new)).update();
    }

    /** How much ground truth the model has: kept, waiting for a version, and the latest version it went into. */
    GroundTruthStatus status(String model) {
        return jdbc.sql("""
                select count(*) as rows, count(*) filter (where dataset_version is null) as pending,
                  min(labelled_at) filter (where dataset_version is null) as oldest_pending,
                  max(labelled_at) as newest, max(dataset_version) as latest_version
                from ground_truth where model = :m""")
                .param("m", model).query((rs, n) -> new GroundTruthStatus(model, rs.getLong("rows"),
                        rs.getLong("pending"), instant(rs.getTimestamp("oldest_pending")),
                        instant(rs.getTimestamp("newest")), (Integer) rs.getObject("latest_version"))).single();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Forgets rows labelled longer ago than {@code maxAge}: no policy reads them again. */
    int prune(String model, Duration maxAge) {
        return jdbc.sql("delete from ground_truth where model = :m and labelled_at < now() - cast(:age as interval)")
                .param("m", model).param("age", interval(maxAge)).update();
    }

    private static String interval(Duration age) {
        return age.toSeconds() + " seconds";
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
