package io.modelway.core.events;

import io.modelway.core.web.ApiException;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.annotation.StreamRetryTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import tools.jackson.core.JacksonException;

/**
 * How the Kafka consumers of a service with a database retry a message they could not process: a database or store
 * that is out is waited for, 1 s doubling to 30 s for {@code MODELWAY_CONSUMER_MAX_ATTEMPTS} (12) attempts, about
 * 3.5 min and inside Kafka's 5 min poll interval, before the message goes to its DLQ; a message that can never be
 * processed (unreadable, of an unknown event type, refused by the service's own checks) goes there at its first
 * failure. A message in a DLQ keeps its original topic and the exception in its headers, and is replayed by
 * producing it to that topic again: its event id makes a second processing a no-op.
 */
@Configuration(proxyBeanMethods = false)
public class EventRetries {

    private static final List<Class<? extends Throwable>> NEVER = List.of(IllegalArgumentException.class,
            JacksonException.class, EventMessages.UnknownEventException.class, ApiException.class);

    @Bean
    @StreamRetryTemplate
    RetryTemplate consumerRetries(@Value("${MODELWAY_CONSUMER_MAX_ATTEMPTS:12}") int attempts) {
        return new RetryTemplate(RetryPolicy.builder().maxRetries(Math.max(0, attempts - 1))
                .delay(Duration.ofSeconds(1)).multiplier(2).maxDelay(Duration.ofSeconds(30))
                .predicate(EventRetries::mayPass).build());
    }

    /** Whether retrying may help: nothing in the failure's causes says the message itself is at fault. */
    static boolean mayPass(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Throwable current = cause;
            if (NEVER.stream().anyMatch(type -> type.isInstance(current))) {
                return false;
            }
        }
        return true;
    }
}
