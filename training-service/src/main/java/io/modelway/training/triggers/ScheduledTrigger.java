package io.modelway.training.triggers;

import io.modelway.core.api.training.TrainingSpec;
import io.modelway.training.runs.RunQueue;
import io.modelway.training.specs.SpecRepository;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code schedule} trigger: queues a run of every spec whose cron time has come since it last fired
 * (times in UTC). A spec seen for the first time starts its clock then, rather than firing for the past.
 * The fired time is claimed with a conditional update in the run's transaction, so two replicas queue it once.
 */
@Component
class ScheduledTrigger {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTrigger.class);

    private final SpecRepository specs;
    private final RunQueue queue;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    ScheduledTrigger(SpecRepository specs, RunQueue queue, JdbcClient jdbc, TransactionTemplate transactions) {
        this.specs = specs;
        this.queue = queue;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${modelway.training.schedule-check-interval:15s}")
    void fireDueSchedules() {
        Instant now = Instant.now();
        for (TrainingSpec spec : specs.all()) {
            if (spec.schedule() != null && spec.triggeredBy("schedule")) {
                fireIfDue(spec, now);
            }
        }
    }

    private void fireIfDue(TrainingSpec spec, Instant now) {
        Instant last = jdbc.sql("select last_fired from schedule_state where model = :m").param("m", spec.model())
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
        if (last == null) {
            jdbc.sql("insert into schedule_state (model, last_fired) values (:m, :t) on conflict do nothing")
                    .param("m", spec.model()).param("t", Timestamp.from(now)).update();
            return;
        }
        ZonedDateTime next = CronExpression.parse(spec.schedule()).next(last.atZone(ZoneOffset.UTC));
        if (next == null || next.toInstant().isAfter(now)) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            int claimed = jdbc.sql("update schedule_state set last_fired = :now where model = :m and last_fired = :last")
                    .param("now", Timestamp.from(now)).param("m", spec.model()).param("last", Timestamp.from(last))
                    .update();
            if (claimed == 1) {
                queue.enqueue(spec.model(), "schedule", null, "trigger:schedule");
                log.info("Schedule '{}' of {} was due at {}: run queued", spec.schedule(), spec.model(), next);
            }
        });
    }
}
