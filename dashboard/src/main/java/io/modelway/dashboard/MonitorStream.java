package io.modelway.dashboard;

import io.modelway.core.events.EventMessages;
import io.modelway.core.events.FeedbackReceived;
import io.modelway.core.events.ModelwayEvent;
import io.modelway.core.events.PredictionLogged;
import io.modelway.core.idempotency.RecentEvents;
import io.modelway.dashboard.accuracy.LiveAccuracy;
import io.modelway.dashboard.drift.DriftMonitor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * Reads {@code modelway.predictions} and {@code modelway.feedback} in one binding, for both monitors: drift windows
 * and the live accuracy join. One consumer for both topics, with partitions assigned by range, takes partitions of
 * the same number of each: a prediction and its feedback have the same key, so a replica holds both sides of its
 * joins, and the checkpoint of a partition number is the state of both. The topics are read a poll's batch at a
 * time: serving logs thousands of predictions a second, and the binder's cost per call (conversion, retry,
 * observation) was two thirds of the monitor's CPU when it was called once per record. Redelivered predictions are
 * passed on once (the ids of the last 50,000 are remembered), feedback once by the join. A record that cannot be
 * read or passed on fails the batch at its index: the records before it are done, it is tried again and then sent to
 * its topic's DLQ ({@code modelway.predictions.dlq}, {@code modelway.feedback.dlq}), and the records after it are
 * read again.
 */
@Configuration(proxyBeanMethods = false)
class MonitorStream {

    private static final int REMEMBERED_EVENTS = 50_000;

    @Bean
    Consumer<Message<List<byte[]>>> monitorEvents(DriftMonitor drift, LiveAccuracy accuracy,
            MonitorCheckpoints checkpoints) {
        RecentEvents seen = new RecentEvents(REMEMBERED_EVENTS);
        return batch -> {
            Records records = new Records(batch.getHeaders());
            List<byte[]> payloads = batch.getPayload();
            for (int i = 0; i < payloads.size(); i++) {
                try {
                    String topic = records.topic(i);
                    int partition = records.partition(i);
                    long offset = records.offset(i);
                    ModelwayEvent event = EventMessages.read(records.type(i), payloads.get(i));
                    if (event instanceof PredictionLogged prediction) {
                        if (checkpoints.isReadAgain(topic, partition, offset)) {
                            accuracy.rebuilt(partition, offset, prediction);
                        } else {
                            observe(partition, offset, prediction, seen, drift, accuracy);
                        }
                    } else if (event instanceof FeedbackReceived feedback) {
                        accuracy.feedback(partition, offset, feedback);
                    }
                    checkpoints.done(topic, partition, offset, event instanceof PredictionLogged);
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException("record " + i + " of the batch: " + e, e, i);
                }
            }
            checkpoints.afterBatch();
        };
    }

    /**
     * The batch's error handling: the records before the failed one are committed, the failed one is tried again
     * with the binding's back-off ({@code max-attempts}) and then published to its DLQ, and the records after it are
     * read again. The binder's own DLQ for a batch would take the whole batch there.
     */
    @Bean
    ListenerContainerWithDlqAndRetryCustomizer monitorBatchErrors(
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${spring.cloud.stream.bindings." + MonitorCheckpoints.BINDING + ".destination}") String topics) {
        return new BatchErrors(brokers, topics);
    }

    /** The error handler of the monitor's batches, with a producer of its own for their DLQs, closed with it. */
    private static final class BatchErrors implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

        private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
        private final KafkaTemplate<byte[], byte[]> dlq;
        private final String topics;

        BatchErrors(String brokers, String topics) {
            this.topics = topics;
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
            if (isMonitor(destination) && dlqDestination != null) {
                container.setCommonErrorHandler(new DefaultErrorHandler(new DeadLetterPublishingRecoverer(dlq,
                        (record, e) -> new TopicPartition(record.topic() + ".dlq", -1)), backOff));
            }
        }

        @Override
        public boolean retryAndDlqInBinding(String destination, String group) {
            return !isMonitor(destination);
        }

        /** The monitor's binding, by its destination as configured or one of its topics. */
        private boolean isMonitor(String destination) {
            return destination != null && (destination.equals(topics)
                    || Arrays.stream(topics.split(",")).map(String::trim).anyMatch(destination::equals));
        }

        @Override
        public void destroy() {
            producers.destroy();
        }
    }

    private static void observe(int partition, long offset, PredictionLogged prediction, RecentEvents seen,
            DriftMonitor drift, LiveAccuracy accuracy) {
        if (!seen.firstTime(prediction.eventId())) {
            return;
        }
        try {
            accuracy.prediction(partition, offset, prediction);
        } catch (RuntimeException e) {
            // Its ground truth could not be sent: the redelivery must not be taken for a repeat.
            seen.forget(prediction.eventId());
            throw e;
        }
        drift.observe(partition, offset, prediction);
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

        String topic(int i) {
            return (String) at(topics, i, "topic");
        }

        int partition(int i) {
            return (Integer) at(partitions, i, "partition");
        }

        long offset(int i) {
            return (Long) at(offsets, i, "offset");
        }

        private static Object at(List<?> values, int i, String header) {
            if (i >= values.size() || values.get(i) == null) {
                throw new IllegalStateException("the binder gave no " + header + " for record " + i + " of the batch");
            }
            return values.get(i);
        }
    }
}
