package io.modelway.serving.inference;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores rows for one model version with adaptive micro-batching. Requests queue up; each worker thread takes
 * what is waiting, up to {@code maxRows} rows, and scores it in one forward pass on its own copy of the
 * network (DL4J's {@code output} is synchronized, so one shared network would serialise the workers). A lone
 * request is scored at once; a worker waits up to {@code maxWait} for more only when it already found
 * several requests waiting, that is under load, when batching pays.
 */
public final class BatchingPredictor implements Scorer {

    private static final Logger log = LoggerFactory.getLogger(BatchingPredictor.class);
    private static final long IDLE_POLL_MILLIS = 200;

    private record Job(float[][] rows, CompletableFuture<float[][]> result, long queuedAt) {
    }

    private final String name;
    private final MultiLayerNetwork net;
    private final int maxRows;
    private final long maxWaitNanos;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final DistributionSummary batchRows;
    private final Timer queueWait;
    private volatile boolean retired;
    // Guarded by this: how many workers still take jobs. Submitting and a worker's decision to stop are made
    // under the same lock, so no job is queued after the last worker stopped.
    private int alive;

    /** {@code warmUp} rows are scored once on every worker's network before it takes requests. */
    public BatchingPredictor(String name, MultiLayerNetwork net, int workers, int maxRows, Duration maxWait,
            float[][] warmUp, MeterRegistry meters, String model, int version) {
        this.name = name;
        this.net = net;
        this.maxRows = maxRows;
        this.maxWaitNanos = maxWait.toNanos();
        this.batchRows = DistributionSummary.builder("modelway_inference_batch_rows")
                .description("Rows scored per forward pass").tag("model", model).tag("version", Integer.toString(version))
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256).register(meters);
        this.queueWait = Timer.builder("modelway_inference_queue_wait")
                .description("Time a request waited for a worker").tag("model", model)
                .tag("version", Integer.toString(version)).register(meters);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            MultiLayerNetwork own = i == 0 ? net : net.clone();
            score(own, warmUp);
            Thread worker = new Thread(() -> work(own), "inference-" + name + "-" + i);
            worker.setDaemon(true);
            threads.add(worker);
        }
        this.alive = workers;
        threads.forEach(Thread::start);
    }

    /** Scores the rows, batched with whatever else is waiting; the caller's thread waits for the answer. */
    @Override
    public float[][] output(float[][] rows) {
        Job job = new Job(rows, new CompletableFuture<>(), System.nanoTime());
        synchronized (this) {
            if (alive == 0) {
                // A request that picked this version just before it was swapped out, arriving after its workers
                // stopped: answer it directly rather than fail it.
                return score(net, rows);
            }
            queue.add(job);
        }
        try {
            return job.result().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Stops taking new batches once no request is waiting any more; requests already holding this version
     * finish on it.
     */
    @Override
    public void retire() {
        retired = true;
    }

    @Override
    public String engine() {
        return "dl4j";
    }

    private synchronized boolean stopIfRetiredAndIdle() {
        if (retired && queue.isEmpty()) {
            alive--;
            return true;
        }
        return false;
    }

    private void work(MultiLayerNetwork own) {
        Job carried = null;
        try {
            while (true) {
                Job first = carried != null ? carried : queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                carried = null;
                if (first == null) {
                    if (stopIfRetiredAndIdle()) {
                        return;
                    }
                    continue;
                }
                List<Job> batch = new ArrayList<>();
                batch.add(first);
                int rows = first.rows().length;
                long deadline = System.nanoTime() + maxWaitNanos;
                while (rows < maxRows) {
                    Job next = queue.poll();
                    if (next == null && batch.size() > 1 && maxWaitNanos > 0) {
                        long left = deadline - System.nanoTime();
                        next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    }
                    if (next == null) {
                        break;
                    }
                    if (rows + next.rows().length > maxRows) {
                        carried = next;
                        break;
                    }
                    batch.add(next);
                    rows += next.rows().length;
                }
                run(own, batch, rows);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (this) {
                alive--;
            }
        }
    }

    private void run(MultiLayerNetwork own, List<Job> batch, int rows) {
        long now = System.nanoTime();
        for (Job job : batch) {
            queueWait.record(now - job.queuedAt(), TimeUnit.NANOSECONDS);
        }
        batchRows.record(rows);
        try {
            float[][] input = batch.size() == 1 ? batch.get(0).rows() : concat(batch, rows);
            float[][] output = score(own, input);
            int at = 0;
            for (Job job : batch) {
                float[][] part = new float[job.rows().length][];
                System.arraycopy(output, at, part, 0, part.length);
                at += part.length;
                job.result().complete(part);
            }
        } catch (RuntimeException e) {
            log.error("Scoring a batch of {} rows on {} failed: {}", rows, name, e.toString());
            batch.forEach(job -> job.result().completeExceptionally(e));
        }
    }

    private static float[][] concat(List<Job> batch, int rows) {
        float[][] all = new float[rows][];
        int at = 0;
        for (Job job : batch) {
            System.arraycopy(job.rows(), 0, all, at, job.rows().length);
            at += job.rows().length;
        }
        return all;
    }

    private static float[][] score(MultiLayerNetwork net, float[][] rows) {
        return net.output(Nd4j.create(rows), false).toFloatMatrix();
    }
}
