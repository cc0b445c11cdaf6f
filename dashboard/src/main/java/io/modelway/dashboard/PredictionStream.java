package io.modelway.dashboard;

import io.modelway.core.events.EventMessages;
import io.modelway.core.events.PredictionLogged;
import io.modelway.dashboard.accuracy.LiveAccuracy;
import io.modelway.dashboard.drift.DriftMonitor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Reads {@code modelway.predictions} once for both monitors: drift windows and the live accuracy join.
 * Redelivered events are passed on once (the ids of the last 50,000 are remembered).
 */
@Configuration(proxyBeanMethods = false)
class PredictionStream {

    private static final int REMEMBERED_EVENTS = 50_000;

    @Bean
    Consumer<Message<byte[]>> predictionEvents(DriftMonitor drift, LiveAccuracy accuracy, StateReplay replays) {
        Map<UUID, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                return size() > REMEMBERED_EVENTS;
            }
        };
        return message -> {
            if (!(EventMessages.read(message) instanceof PredictionLogged prediction)) {
                return;
            }
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
            drift.observe(prediction, replays.isReplay(message));
        };
    }
}
