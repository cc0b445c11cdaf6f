package io.modelway.training.runs;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one training thread of this instance: it claims the oldest QUEUED run whose model is not training
 * already and runs it. Training is CPU-bound and DL4J uses native threads, so one run at a time per
 * instance; more throughput means more replicas, which claim runs with SKIP LOCKED.
 */
@Component
class TrainingWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TrainingWorker.class);

    private final JdbcClient jdbc;
    private final RunRepository runs;
    private final TrainingJob job;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "training-worker"));

    TrainingWorker(JdbcClient jdbc, RunRepository runs, TrainingJob job) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.job = job;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        int interrupted = runs.failInterrupted();
        if (interrupted > 0) {
            log.warn("{} run(s) were interrupted by a restart and are marked FAILED", interrupted);
        }
        thread.scheduleWithFixedDelay(this::drain, 0, 300, TimeUnit.MILLISECONDS);
    }

    private void drain() {
        try {
            for (Optional<UUID> next = claim(); next.isPresent(); next = claim()) {
                runs.find(next.get()).ifPresent(job::execute);
            }
        } catch (RuntimeException e) {
            // The scheduler stops repeating a task that throws; log and keep polling.
            log.error("Training worker could not claim a run: {}", e.toString());
        }
    }

    private Optional<UUID> claim() {
        return jdbc.sql("""
                update training_runs set status = 'RUNNING', started_at = now()
                where run_id = (
                  select run_id from training_runs q where q.status = 'QUEUED'
                    and not exists (select 1 from training_runs r where r.model = q.model and r.status = 'RUNNING')
                  order by created_at limit 1 for update skip locked)
                returning run_id""").query(UUID.class).optional();
    }

    @Override
    public void destroy() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
