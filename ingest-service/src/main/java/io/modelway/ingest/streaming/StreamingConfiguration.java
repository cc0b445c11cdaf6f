package io.modelway.ingest.streaming;

import io.modelway.core.events.EventMessages;
import io.modelway.core.json.ModelwayJson;
import io.modelway.ingest.uploads.DatasetNames;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The {@code records} consumer of {@code modelway.records}: each message is one JSON object (or an array
 * of them) for the dataset named by its key. Records are buffered in the database by partition and
 * offset, so a redelivered message is stored once; a message that is not a JSON object, or has no
 * dataset, is refused and lands in {@code modelway.records.dlq} with the reason.
 */
@Configuration(proxyBeanMethods = false)
class StreamingConfiguration {

    static final String DATASET_HEADER = "modelway_dataset";

    // Read as text: asked for byte[], content conversion would turn a JSON array of numbers into those bytes.
    @Bean
    Consumer<Message<String>> records(StreamBuffer buffer) {
        return message -> {
            String dataset = dataset(message);
            int partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class);
            long offset = message.getHeaders().get(KafkaHeaders.OFFSET, Long.class);
            JsonNode value = parse(message.getPayload());
            if (value.isArray()) {
                // One message, several records: one offset, so the batch is stored as one NDJSON block.
                StringBuilder lines = new StringBuilder();
                for (JsonNode element : value) {
                    requireObject(element);
                    lines.append(lines.isEmpty() ? "" : "\n").append(element);
                }
                buffer.append(dataset, partition, offset, lines.toString());
            } else {
                requireObject(value);
                buffer.append(dataset, partition, offset, value.toString());
            }
        };
    }

    private static String dataset(Message<String> message) {
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        Object header = message.getHeaders().get(DATASET_HEADER);
        String dataset = EventMessages.headerText(key != null ? key : header);
        if (dataset == null) {
            throw new IllegalArgumentException("A record needs its dataset as the message key or in header "
                    + DATASET_HEADER);
        }
        DatasetNames.check(dataset);
        return dataset;
    }

    private static JsonNode parse(String payload) {
        try {
            return ModelwayJson.mapper().readTree(payload);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("A record must be a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    private static void requireObject(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("A record must be a JSON object, got " + node.getNodeType());
        }
    }
}
