package io.modelway.training.runs;

import io.modelway.core.api.training.TrainingRun;
import java.util.List;
import java.util.Map;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one training thread of this instance: it claims the oldest QUEUED run whose model is not training
 * already and runs it. Training is CPU-bound and DL4J uses native threads, so one run at a time per
 * instance; more throughput means more replicas, which claim runs with SKIP LOCKED. A second thread renews the
 * lease of the run being trained and queues again the runs of replicas that stopped renewing theirs. When the
 * service stops, the run in progress is given back to the queue at its next epoch.
 */
@Component
class TrainingWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TrainingWorker.class);

    private final RunRepository runs;
    private final RunLeases leases;
    private final RunEvents events;
    private final TrainingJob job;
    private final TransactionTemplate transactions;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "training-worker"));
    private final ScheduledExecutorService leaseThread = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "training-leases"));

    TrainingWorker(RunRepository runs, RunLeases leases, RunEvents events, TrainingJob job,
            TransactionTemplate transactions) {
        this.runs = runs;
        this.leases = leases;
        this.events = events;
        this.job = job;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long renew = leases.lease().toMillis() / 3;
        leaseThread.scheduleWithFixedDelay(this::leases, 0, renew, TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::drain, 0, 300, TimeUnit.MILLISECONDS);
        log.info("Training as {}, leases of {}", leases.owner(), leases.lease());
    }

    private void leases() {
        try {
            runs.renewLeases();
            List<RunRepository.Reclaimed> reclaimed = transactions.execute(s -> {
                List<RunRepository.Reclaimed> expired = runs.reclaimExpired();
                expired.forEach(r -> events.publish(r.runId(), r.model(), r.status(), 0, 0, Map.of(), null,
                        TrainingRun.FAILED.equals(r.status()) ? r.error() : null));
                return expired;
            });
            reclaimed.forEach(r -> log.warn("Run {} of {}: {}", r.runId(), r.model(), r.error()));
        } catch (RuntimeException e) {
            log.error("Could not renew or reclaim run leases: {}", e.toString());
        }
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
        return job.stopping() ? Optional.empty() : runs.claim();
    }

    /**
     * Stops claiming, lets the run in progress give itself back at its next epoch, and waits for that; a run that
     * does not get there in time keeps its lease until it expires, then another replica takes it.
     */
    @Override
    public void destroy() throws InterruptedException {
        job.stop();
        thread.shutdown();
        if (!thread.awaitTermination(20, TimeUnit.SECONDS)) {
            log.warn("The run in progress did not stop in time; it is queued again when its lease expires");
            thread.shutdownNow();
        }
        leaseThread.shutdownNow();
        leaseThread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
