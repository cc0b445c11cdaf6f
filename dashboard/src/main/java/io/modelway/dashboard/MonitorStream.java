package io.modelway.dashboard;

import io.modelway.core.events.EventMessages;
import io.modelway.core.events.ModelwayEvent;
import io.modelway.core.events.PredictionLogged;
import io.modelway.dashboard.accuracy.LiveAccuracy;
import io.modelway.dashboard.drift.DriftMonitor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.util.backoff.BackOff;

/**
 * Reads {@code modelway.predictions} once for both monitors: drift windows and the live accuracy join. The topic
 * is read a poll's batch at a time: serving logs thousands of predictions a second, and the binder's cost per call
 * (conversion, retry, observation) was two thirds of the monitor's CPU when it was called once per record.
 * Redelivered events are passed on once (the ids of the last 50,000 are remembered). A record that cannot be
 * read or passed on fails the batch at its index: the records before it are done, it is tried again and then sent
 * to {@code modelway.predictions.dlq}, and the records after it are read again.
 */
@Configuration(proxyBeanMethods = false)
class PredictionStream {

    static final String TOPIC = "modelway.predictions";
    private static final int REMEMBERED_EVENTS = 50_000;

    @Bean
    Consumer<Message<List<byte[]>>> predictionEvents(DriftMonitor drift, LiveAccuracy accuracy, StateReplay replays) {
        Map<UUID, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                return size() > REMEMBERED_EVENTS;
            }
        };
        return batch -> {
            Records records = new Records(batch.getHeaders());
            List<byte[]> payloads = batch.getPayload();
            for (int i = 0; i < payloads.size(); i++) {
                try {
                    ModelwayEvent event = EventMessages.read(records.type(i), payloads.get(i));
                    if (event instanceof PredictionLogged prediction) {
                        observe(prediction, records.isReplay(i, replays), seen, drift, accuracy);
                    }
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException("prediction record " + i + " of the batch: " + e, e, i);
                }
            }
        };
    }

    /**
     * The batch's error handling: the records before the failed one are committed, the failed one is tried again
     * with the binding's back-off ({@code max-attempts}) and then published to its DLQ, and the records after it are
     * read again. The binder's own DLQ for a batch would take the whole batch there.
     */
    @Bean
    ListenerContainerWithDlqAndRetryCustomizer predictionBatchErrors(
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
        return new BatchErrors(brokers);
    }

    /** The error handler of the predictions' batches, with a producer of its own for their DLQ, closed with it. */
    private static final class BatchErrors implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

        private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
        private final KafkaTemplate<byte[], byte[]> dlq;

        BatchErrors(String brokers) {
            // The deadlines of the service's other sends: a broker that is away fails a DLQ send within seconds.
            this.producers = new DefaultKafkaProducerFactory<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000));
            this.dlq = new KafkaTemplate<>(producers);
        }

        @Override
        public void configure(AbstractMessageListenerContainer<?, ?> container, String destination, String group,
                BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestination, BackOff backOff) {
            if (TOPIC.equals(destination) && dlqDestination != null) {
                container.setCommonErrorHandler(new DefaultErrorHandler(new DeadLetterPublishingRecoverer(dlq,
                        dlqDestination), backOff));
            }
        }

        @Override
        public boolean retryAndDlqInBinding(String destination, String group) {
            return !TOPIC.equals(destination);
        }

        @Override
        public void destroy() {
            producers.destroy();
        }
    }

    private static void observe(PredictionLogged prediction, boolean replayed, Map<UUID, Boolean> seen,
            DriftMonitor drift, LiveAccuracy accuracy) {
        synchronized (seen) {
            if (seen.put(prediction.eventId(), Boolean.TRUE) != null) {
                return;
            }
        }
        try {
            accuracy.prediction(prediction);
        } catch (RuntimeException e) {
            // Its ground truth could not be sent: the redelivery must not be taken for a repeat.
            synchronized (seen) {
                seen.remove(prediction.eventId());
            }
            throw e;
        }
        drift.observe(prediction, replayed);
    }

    /** The per-record headers of a batch, as the binder lists them in the order of the payloads. */
    private record Records(List<Map<String, Object>> headers, List<?> topics, List<?> partitions, List<?> offsets) {

        Records(MessageHeaders batch) {
            this(list(batch.get(KafkaHeaders.BATCH_CONVERTED_HEADERS)), list(batch.get(KafkaHeaders.RECEIVED_TOPIC)),
                    list(batch.get(KafkaHeaders.RECEIVED_PARTITION)), list(batch.get(KafkaHeaders.OFFSET)));
        }

        @SuppressWarnings("unchecked")
        private static <T> List<T> list(Object header) {
            return header instanceof List<?> values ? (List<T>) values : List.of();
        }

        Object type(int i) {
            return i < headers.size() ? headers.get(i).get(EventMessages.TYPE_HEADER) : null;
        }

        boolean isReplay(int i, StateReplay replays) {
            if (i >= topics.size() || i >= partitions.size() || i >= offsets.size()) {
                return false;
            }
            return topics.get(i) instanceof String topic && partitions.get(i) instanceof Integer partition
                    && offsets.get(i) instanceof Long offset && replays.isReplay(topic, partition, offset);
        }
    }
}
