package io.modelway.training.drift;

import io.modelway.core.api.training.DriftDecision;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each model's count of drift windows in a row above its threshold, and the decisions taken on its windows. */
@Repository
class DriftDecisionRepository {

    /** How long a model's decisions are kept: long enough to read a month of drift back in the console. */
    private static final Duration KEPT = Duration.ofDays(30);

    private final JdbcClient jdbc;

    DriftDecisionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The model's windows in a row above the threshold, with its row locked until the transaction ends. */
    int lockAbove(String model) {
        jdbc.sql("insert into drift_state (model) values (:m) on conflict (model) do nothing").param("m", model).update();
        return jdbc.sql("select above from drift_state where model = :m for update").param("m", model)
                .query(Integer.class).single();
    }

    void saveAbove(String model, int above) {
        jdbc.sql("update drift_state set above = :a, updated_at = now() where model = :m").param("a", above)
                .param("m", model).update();
    }

    /** The model's drift runs queued in the last 24 hours, and whether the latest is younger than {@code cooldown}. */
    RecentRetrains recentRetrains(String model, Duration cooldown) {
        return jdbc.sql("""
                select count(*) filter (where created_at > now() - interval '1 day') as today,
                       coalesce(bool_or(created_at > now() - make_interval(secs => :cooldown)), false) as cooling
                from training_runs
                where model = :m and reason = 'drift'
                  and created_at > now() - greatest(interval '1 day', make_interval(secs => :cooldown))""")
                .param("m", model).param("cooldown", (double) cooldown.toMillis() / 1000)
                .query((rs, n) -> new RecentRetrains(rs.getInt("today"), rs.getBoolean("cooling"))).single();
    }

    record RecentRetrains(int today, boolean coolingDown) {
    }

    /** Records a decision, once per window. Decisions past their keeping go. */
    void insert(DriftDecision d) {
        jdbc.sql("""
                insert into drift_decisions (window_id, model, model_version, closed_at, rows_measured, method,
                  statistic, feature, threshold, windows_above, outcome, run_id)
                values (:w, :m, :v, :closed, :rows, :method, :statistic, :feature, :threshold, :above, :outcome, :run)
                on conflict (window_id) do nothing""")
                .param("w", d.windowId()).param("m", d.model()).param("v", d.version())
                .param("closed", Timestamp.from(d.closedAt())).param("rows", d.rows()).param("method", d.method())
                .param("statistic", d.statistic()).param("feature", d.feature()).param("threshold", d.threshold())
                .param("above", d.windowsAbove()).param("outcome", d.outcome().name()).param("run", d.runId())
                .update();
        jdbc.sql("delete from drift_decisions where model = :m and decided_at < now() - make_interval(secs => :kept)")
                .param("m", d.model()).param("kept", KEPT.toSeconds()).update();
    }

    List<DriftDecision> newest(String model, int limit) {
        return jdbc.sql("""
                select * from drift_decisions where model = :m order by decided_at desc, closed_at desc limit :limit""")
                .param("m", model).param("limit", limit).query(DriftDecisionRepository::decision).list();
    }

    private static DriftDecision decision(ResultSet rs, int n) throws SQLException {
        double statistic = rs.getDouble("statistic");
        Double measured = rs.wasNull() ? null : statistic;
        double threshold = rs.getDouble("threshold");
        Double held = rs.wasNull() ? null : threshold;
        return new DriftDecision(rs.getObject("window_id", UUID.class), rs.getString("model"),
                rs.getInt("model_version"), rs.getTimestamp("closed_at").toInstant(), rs.getInt("rows_measured"),
                rs.getString("method"), measured, rs.getString("feature"), held, rs.getInt("windows_above"),
                DriftDecision.Outcome.valueOf(rs.getString("outcome")), rs.getObject("run_id", UUID.class),
                rs.getTimestamp("decided_at").toInstant());
    }
}
