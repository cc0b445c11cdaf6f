package io.modelway.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class EventMessagesTests {

    @Test
    void roundTripsAnEventWithItsTypeAndKey() {
        ModelAliasChanged event = new ModelAliasChanged(UUID.randomUUID(), Instant.parse("2026-01-02T03:04:05Z"),
                "penguins", "production", 2, 1, "ops");
        Message<byte[]> message = EventMessages.toMessage(event);

        assertThat(message.getHeaders().get(EventMessages.TYPE_HEADER)).isEqualTo("ModelAliasChanged");
        assertThat((byte[]) message.getHeaders().get(KafkaHeaders.KEY)).isEqualTo("penguins".getBytes(StandardCharsets.UTF_8));
        assertThat(EventMessages.read(message)).isEqualTo(event);
    }

    @Test
    void readsTypeHeadersThatArriveAsJsonStrings() {
        Message<byte[]> message = MessageBuilder.withPayload(
                        "{\"eventId\":\"6f1c1a0e-8d5e-4a59-a0a4-5b0f3c1d2e3f\",\"requestId\":\"r1\",\"model\":\"m\",\"trueLabel\":\"x\"}"
                                .getBytes(StandardCharsets.UTF_8))
                .setHeader(EventMessages.TYPE_HEADER, "\"FeedbackReceived\"".getBytes(StandardCharsets.UTF_8)).build();
        assertThat(EventMessages.read(message)).isInstanceOf(FeedbackReceived.class);
    }

    @Test
    void refusesUnknownEventTypes() {
        Message<byte[]> message = MessageBuilder.withPayload(new byte[0]).setHeader(EventMessages.TYPE_HEADER, "Nope").build();
        assertThatThrownBy(() -> EventMessages.read(message)).hasMessageContaining("Unknown event type 'Nope'");
    }
}
