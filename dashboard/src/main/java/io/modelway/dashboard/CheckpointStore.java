package io.modelway.dashboard;

import io.modelway.core.json.ModelwayJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The monitor's checkpoints on a compacted topic, one record per key (the group and the partition number), JSON.
 * Plain Kafka clients rather than a binding: a checkpoint is read back, up to the end of the topic, before the
 * partitions it covers are read, and written with the broker's answer awaited; both within deadlines.
 */
@Component
class CheckpointStore implements DisposableBean {

    /** Large enough for a partition's open windows and waiting feedback, with room to spare. */
    private static final int MAX_BYTES = 16 << 20;

    private final String brokers;
    private final MonitorProperties properties;
    private final KafkaProducer<byte[], byte[]> producer;
    private volatile boolean topicReady;

    CheckpointStore(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers, MonitorProperties properties) {
        this.brokers = brokers;
        this.properties = properties;
        int deadline = (int) properties.readTimeout().toMillis();
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_BYTES,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, deadline,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, deadline,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deadline + 1000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Writes the checkpoints and waits for the broker to have them all; throws when it has not in time. */
    void write(Map<String, MonitorCheckpoint> checkpoints) {
        ensureTopic();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        checkpoints.forEach((key, checkpoint) -> sends.add(producer.send(new ProducerRecord<>(properties.checkpointTopic(),
                key.getBytes(StandardCharsets.UTF_8), ModelwayJson.toBytes(checkpoint)))));
        long deadline = System.nanoTime() + properties.readTimeout().toNanos();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("checkpoint not written: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("checkpoint not written within " + properties.readTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing a checkpoint");
            }
        }
    }

    /** The latest checkpoint of each of the keys that has one; throws when the topic cannot be read to its end in time. */
    Map<String, MonitorCheckpoint> read(Collection<String> keys) {
        ensureTopic();
        Duration timeout = properties.readTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, byte[]> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_BYTES,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(properties.checkpointTopic(), timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("checkpoints not read within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                    if (keys.contains(key)) {
                        latest.put(key, record.value());
                    }
                }
            }
        }
        Map<String, MonitorCheckpoint> checkpoints = new HashMap<>();
        latest.forEach((key, value) -> {
            if (value != null) {
                checkpoints.put(key, ModelwayJson.read(value, MonitorCheckpoint.class));
            }
        });
        return checkpoints;
    }

    /** One partition, compacted: only the latest checkpoint of each key is kept. */
    private void ensureTopic() {
        if (topicReady) {
            return;
        }
        long timeout = properties.readTimeout().toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout))) {
            NewTopic topic = new NewTopic(properties.checkpointTopic(), Optional.of(1), Optional.empty()).configs(Map.of(
                    "cleanup.policy", "compact",
                    "max.message.bytes", Integer.toString(MAX_BYTES),
                    // Small segments, rolled often and compacted soon: a replica that starts reads little more than
                    // the latest checkpoint of each key.
                    "segment.bytes", Integer.toString(MAX_BYTES),
                    "segment.ms", "600000",
                    "min.cleanable.dirty.ratio", "0.01"));
            admin.createTopics(List.of(topic)).all().get(timeout, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + properties.checkpointTopic() + ": " + e.getCause(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not create " + properties.checkpointTopic() + " within "
                    + properties.readTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + properties.checkpointTopic());
        }
        topicReady = true;
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(5));
    }
}
