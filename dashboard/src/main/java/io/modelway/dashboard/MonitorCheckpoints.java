package io.modelway.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modelway.dashboard.accuracy.LiveAccuracy;
import io.modelway.dashboard.drift.DriftMonitor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Drift windows and the live accuracy join survive a restart without reading the topics again: every few seconds
 * while records arrive, and when a partition goes to another replica, what the monitor
 * holds of each partition number is written to a compacted topic with the offsets it reflects. A replica that takes
 * a partition takes its checkpoint back and resumes there; only the predictions still waiting for feedback (at most
 * {@code join-horizon} per partition) are read again, to wait again, and nothing of them is counted twice. The
 * records after a checkpoint are done again as they were: a drift window they close has the same id, and so does
 * the ground truth of a join, so training-service takes each once (after a crash, a window closed since the last
 * checkpoint can come out of predictions read in another order, with another id). Everything here runs on the
 * thread that reads the topics.
 */
@Component
class MonitorCheckpoints implements KafkaBindingRebalanceListener {

    static final String BINDING = "monitorEvents-in-0";
    private static final Logger log = LoggerFactory.getLogger(MonitorCheckpoints.class);

    private final CheckpointStore store;
    private final DriftMonitor drift;
    private final LiveAccuracy accuracy;
    private final MonitorProperties properties;
    private final String group;
    private final Clock clock = Clock.systemUTC();
    private final Set<Integer> held = new TreeSet<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> newFrom = new HashMap<>();
    private final Set<String> predictionTopics = new HashSet<>();
    private final Timer writes;
    private final Counter failures;
    private final Counter readAgain;
    private long lastWrite;

    MonitorCheckpoints(CheckpointStore store, DriftMonitor drift, LiveAccuracy accuracy, MonitorProperties properties,
            @Value("${spring.cloud.stream.bindings." + BINDING + ".group}") String group, MeterRegistry meters) {
        this.store = store;
        this.drift = drift;
        this.accuracy = accuracy;
        this.properties = properties;
        this.group = group;
        this.writes = Timer.builder("modelway_monitor_checkpoints").description("Checkpoints of the monitor's state written")
                .register(meters);
        this.failures = Counter.builder("modelway_monitor_checkpoints_failed")
                .description("Checkpoints that could not be written or read; the state stays in memory").register(meters);
        this.readAgain = Counter.builder("modelway_monitor_records_read_again")
                .description("Predictions read again after a partition was taken back, to wait for their feedback again")
                .register(meters);
    }

    @Override
    public void onPartitionsAssigned(String binding, Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
            boolean initial) {
        if (!BINDING.equals(binding)) {
            return;
        }
        Set<Integer> taken = partitions.stream().map(TopicPartition::partition).filter(p -> !held.contains(p))
                .collect(Collectors.toCollection(TreeSet::new));
        if (taken.isEmpty()) {
            return;
        }
        Map<Integer, MonitorCheckpoint> checkpoints = read(taken);
        checkpoints.values().forEach(checkpoint -> {
            drift.restore(checkpoint.partition(), checkpoint.drift());
            accuracy.restore(checkpoint.partition(), checkpoint.accuracy());
        });
        List<TopicPartition> unknown = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            if (!taken.contains(partition.partition())) {
                continue;
            }
            MonitorCheckpoint.Position position = positionOf(checkpoints.get(partition.partition()), partition.topic());
            if (position == null) {
                unknown.add(partition);
                continue;
            }
            consumer.seek(partition, position.resumeAt());
            if (position.resumeAt() < position.next()) {
                predictionTopics.add(partition.topic());
            }
            next.put(partition, position.next());
            newFrom.put(partition, position.next());
            log.info("{}: resuming at offset {} from a checkpoint of {} ({} read again)", partition, position.next(),
                    checkpoints.get(partition.partition()).writtenAt(), position.next() - position.resumeAt());
        }
        startWithoutCheckpoint(consumer, unknown);
        held.addAll(taken);
    }

    /**
     * A partition with no checkpoint resumes at the group's committed offset, with nothing to take back; one the
     * group never read starts no more than {@code join-horizon} records before its end, not at its beginning.
     */
    private void startWithoutCheckpoint(Consumer<?, ?> consumer, List<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        List<TopicPartition> fresh = partitions.stream().filter(p -> committed.get(p) == null).toList();
        partitions.stream().filter(p -> committed.get(p) != null).forEach(p -> log.info(
                "{}: no checkpoint, resuming at the group's offset {}", p, committed.get(p).offset()));
        if (fresh.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(fresh);
        Map<TopicPartition, Long> end = consumer.endOffsets(fresh);
        for (TopicPartition partition : fresh) {
            long start = Math.max(beginning.get(partition), end.get(partition) - accuracy.horizon());
            consumer.seek(partition, start);
            log.info("{}: new to the group, starting at offset {} of {}", partition, start, end.get(partition));
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(String binding, Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions) {
        if (!BINDING.equals(binding)) {
            return;
        }
        Set<Integer> revoked = partitions.stream().map(TopicPartition::partition).filter(held::contains)
                .collect(Collectors.toCollection(TreeSet::new));
        if (revoked.isEmpty()) {
            return;
        }
        write(revoked);
        for (int partition : revoked) {
            drift.release(partition);
            accuracy.release(partition);
            held.remove(partition);
        }
        next.keySet().removeIf(p -> revoked.contains(p.partition()));
        newFrom.keySet().removeIf(p -> revoked.contains(p.partition()));
    }

    /** Whether the prediction at {@code offset} was done before the checkpoint its partition was taken back from. */
    boolean isReadAgain(String topic, int partition, long offset) {
        Long from = newFrom.get(new TopicPartition(topic, partition));
        boolean again = from != null && offset < from;
        if (again) {
            readAgain.increment();
        }
        return again;
    }

    /** The record at {@code offset} is reflected in the state. */
    void done(String topic, int partition, long offset, boolean prediction) {
        next.put(new TopicPartition(topic, partition), offset + 1);
        if (prediction) {
            predictionTopics.add(topic);
        }
    }

    /** After a batch: the checkpoints, when they are due. */
    void afterBatch() {
        if (clock.millis() - lastWrite >= properties.checkpointInterval().toMillis()) {
            write(held);
        }
    }

    private void write(Set<Integer> partitions) {
        lastWrite = clock.millis();
        Map<String, MonitorCheckpoint> checkpoints = new LinkedHashMap<>();
        for (int partition : partitions) {
            List<MonitorCheckpoint.Position> positions = new ArrayList<>();
            next.forEach((topicPartition, offset) -> {
                if (topicPartition.partition() == partition) {
                    // Part way through reading a partition again, its state still reflects everything before the
                    // checkpoint it came from, and what is not read again yet is read again next time.
                    long reflected = Math.max(offset, newFrom.getOrDefault(topicPartition, offset));
                    positions.add(new MonitorCheckpoint.Position(topicPartition.topic(), reflected,
                            resumeAt(topicPartition, offset)));
                }
            });
            checkpoints.put(keyOf(partition), new MonitorCheckpoint(partition, Instant.now(clock), positions,
                    drift.state(partition), accuracy.state(partition)));
        }
        if (checkpoints.isEmpty()) {
            return;
        }
        try {
            writes.record(() -> store.write(checkpoints));
        } catch (RuntimeException e) {
            // The state is still here; the next checkpoint carries it. A restart before then does again what came after
            // the last one written.
            failures.increment();
            log.warn("Checkpoints of partitions {} not written: {}", partitions, e.toString());
        }
    }

    private long resumeAt(TopicPartition partition, long next) {
        if (!predictionTopics.contains(partition.topic())) {
            return next;
        }
        OptionalLong oldest = accuracy.oldestWaitingPrediction(partition.partition());
        return oldest.isPresent() ? Math.min(next, oldest.getAsLong()) : next;
    }

    private Map<Integer, MonitorCheckpoint> read(Set<Integer> partitions) {
        Map<String, Integer> keys = new HashMap<>();
        partitions.forEach(partition -> keys.put(keyOf(partition), partition));
        try {
            Map<Integer, MonitorCheckpoint> checkpoints = new HashMap<>();
            store.read(keys.keySet()).forEach((key, checkpoint) -> checkpoints.put(keys.get(key), checkpoint));
            return checkpoints;
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("Checkpoints of partitions {} not read, starting from the group's offsets without state: {}",
                    partitions, e.toString());
            return Map.of();
        }
    }

    private static MonitorCheckpoint.Position positionOf(MonitorCheckpoint checkpoint, String topic) {
        if (checkpoint == null) {
            return null;
        }
        return checkpoint.positions().stream().filter(p -> p.topic().equals(topic)).findFirst().orElse(null);
    }

    private String keyOf(int partition) {
        return group + "/" + partition;
    }
}
