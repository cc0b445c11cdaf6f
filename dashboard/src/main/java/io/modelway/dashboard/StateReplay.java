package io.modelway.dashboard;

import io.modelway.dashboard.overview.DashboardProperties;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Drift windows and the live accuracy join live in memory. When this replica takes a partition of the
 * prediction or feedback topic (at start, or from another replica), it reads the partition again from the
 * first record of the replay period, so the state comes back; the records before the group's committed
 * offset are replays, which rebuild state but are never sent to training a second time. A group that never
 * committed starts at the replay period too, not at the beginning of the topic.
 */
@Component
class StateReplay implements KafkaBindingRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(StateReplay.class);

    private final DashboardProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Map<TopicPartition, Long> replayUntil = new ConcurrentHashMap<>();
    private final Set<TopicPartition> taken = ConcurrentHashMap.newKeySet();

    StateReplay(DashboardProperties properties) {
        this.properties = properties;
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
            boolean initial) {
        // Once per partition and process: a partition that comes back after a rebalance resumes from its
        // committed offset, which is never before a replay started, and its replay bound still holds.
        Set<TopicPartition> fresh = partitions.stream().filter(taken::add).collect(Collectors.toSet());
        if (fresh.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(fresh);
        Map<TopicPartition, Long> since = new HashMap<>();
        long from = clock.millis() - properties.replay().toMillis();
        fresh.forEach(partition -> since.put(partition, from));
        Map<TopicPartition, OffsetAndTimestamp> first = consumer.offsetsForTimes(since);
        for (TopicPartition partition : fresh) {
            OffsetAndMetadata commit = committed.get(partition);
            OffsetAndTimestamp start = first.get(partition);
            if (commit == null) {
                // A new group: only the replay period, not the topic's whole history, all of it new to the loop.
                if (start == null) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, start.offset());
                }
                continue;
            }
            if (start == null || start.offset() >= commit.offset()) {
                continue;
            }
            replayUntil.put(partition, commit.offset());
            consumer.seek(partition, start.offset());
            log.info("{}: reading {} again from offset {} to rebuild state; {} onwards is new", bindingName, partition,
                    start.offset(), commit.offset());
        }
    }

    /** Whether the record at {@code offset} was read before, by this group, and is only read again to rebuild state. */
    boolean isReplay(String topic, int partition, long offset) {
        Long until = replayUntil.get(new TopicPartition(topic, partition));
        return until != null && offset < until;
    }
}
