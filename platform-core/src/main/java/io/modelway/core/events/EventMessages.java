package io.modelway.core.events;

import io.modelway.core.json.ModelwayJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Turns events into Kafka messages and back. Several event types share a topic, so the type travels
 * in the {@value #TYPE_HEADER} header and the JSON body stays a plain record.
 */
public final class EventMessages {

    public static final String TYPE_HEADER = "modelway_event_type";

    private static final Map<String, Class<?>> TYPES = Arrays.stream(ModelwayEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private EventMessages() {
    }

    public static Message<byte[]> toMessage(ModelwayEvent event) {
        return toMessage(event.getClass().getSimpleName(), event.key(), ModelwayJson.toBytes(event));
    }

    public static Message<byte[]> toMessage(String type, String key, byte[] json) {
        return MessageBuilder.withPayload(json)
                .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                .setHeader(TYPE_HEADER, type)
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .build();
    }

    /**
     * The same event as a plain Kafka record, for a high-volume producer that bypasses the binder: key, type
     * header and JSON payload as {@link #toMessage} writes them, readable by {@link #read}. No content-type
     * header: the binder would read a raw one as bytes and refuse it; the consuming binding's JSON default
     * applies.
     */
    public static ProducerRecord<byte[], byte[]> toRecord(String topic, ModelwayEvent event) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, event.key().getBytes(StandardCharsets.UTF_8),
                ModelwayJson.toBytes(event));
        record.headers().add(TYPE_HEADER, event.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Reads an event; throws {@link UnknownEventException} for a type this version does not know. */
    public static ModelwayEvent read(Message<byte[]> message) {
        return read(message.getHeaders().get(TYPE_HEADER), message.getPayload());
    }

    /**
     * Reads an event from its type header's value (as the binder hands it: bytes or text) and its JSON; throws
     * {@link UnknownEventException} for a type this version does not know.
     */
    public static ModelwayEvent read(Object typeHeader, byte[] json) {
        String type = String.valueOf(headerText(typeHeader));
        Class<?> eventClass = TYPES.get(type);
        if (eventClass == null) {
            throw new UnknownEventException(type);
        }
        return (ModelwayEvent) ModelwayJson.read(json, eventClass);
    }

    /**
     * A header's value as text: bytes read as UTF-8, and the quotes taken off a JSON string, which is how
     * the Kafka binder writes String headers ({@code "\"Type\""}). Null stays null.
     */
    public static String headerText(Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
        return text.length() > 1 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1)
                : text;
    }

    /** A message whose type header names no known event. */
    public static final class UnknownEventException extends RuntimeException {
        UnknownEventException(String type) {
            super("Unknown event type '" + type + "' in header " + TYPE_HEADER);
        }
    }
}
