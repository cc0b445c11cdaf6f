package io.modelway.test;

import io.modelway.core.events.EventMessages;
import io.modelway.core.events.ModelwayEvent;
import io.modelway.core.json.ModelwayJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from the beginning with a fresh consumer group and waits for events, as a test's witness. */
public final class EventProbe {

    private EventProbe() {
    }

    public static <T extends ModelwayEvent> List<T> await(String brokers, String topic, Class<T> type, Predicate<T> match,
            int count, Duration timeout) {
        List<T> found = new ArrayList<>();
        awaitRecords(brokers, topic, record -> {
            Header header = record.headers().lastHeader(EventMessages.TYPE_HEADER);
            if (header == null || !type.getSimpleName().equals(EventMessages.headerText(header.value()))) {
                return false;
            }
            T event = ModelwayJson.read(record.value(), type);
            if (!match.test(event)) {
                return false;
            }
            found.add(event);
            return true;
        }, count, timeout);
        return found;
    }

    /** The raw records (value and headers as sent) that match, for topics such as a DLQ that hold non-events. */
    public static List<ConsumerRecord<byte[], byte[]>> awaitRecords(String brokers, String topic,
            Predicate<ConsumerRecord<byte[], byte[]>> match, int count, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /** A header's value as text, or null when the record does not carry it. */
    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : EventMessages.headerText(header.value());
    }
}
