package io.modelway.dashboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The monitor's state and where it survives a restart. {@code checkpointTopic}: the compacted topic with one
 * checkpoint per partition of the predictions and feedback; {@code checkpointInterval}: how often each is written
 * while records arrive; {@code readTimeout}: the deadline of reading the checkpoints back. The join's horizon,
 * the most a restart reads again, is the join's own ({@code join-horizon}, read by {@code LiveAccuracy}).
 */
@ConfigurationProperties("modelway.dashboard.monitor")
record MonitorProperties(String checkpointTopic, Duration checkpointInterval, Duration readTimeout) {

    MonitorProperties {
        checkpointTopic = checkpointTopic == null || checkpointTopic.isBlank() ? "modelway.monitor-state" : checkpointTopic;
        checkpointInterval = checkpointInterval == null || checkpointInterval.isNegative() ? Duration.ofSeconds(5)
                : checkpointInterval;
        readTimeout = readTimeout == null || readTimeout.isNegative() || readTimeout.isZero() ? Duration.ofSeconds(10)
                : readTimeout;
    }
}
