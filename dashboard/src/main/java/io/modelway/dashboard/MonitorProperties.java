package io.modelway.dashboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The monitor's state and where it survives a restart. {@code checkpointTopic}: the compacted topic with one
 * checkpoint per partition of the predictions and feedback; {@code checkpointInterval}: how often each is written
 * while records arrive; {@code joinHorizon}: the predictions of each partition
 * that wait for their feedback, the most a restart reads again; {@code readTimeout}: the deadline of reading the
 * checkpoints back.
 */
@ConfigurationProperties("modelway.dashboard.monitor")
record MonitorProperties(String checkpointTopic, Duration checkpointInterval, int joinHorizon, Duration readTimeout) {

    MonitorProperties {
        checkpointTopic = checkpointTopic == null || checkpointTopic.isBlank() ? "modelway.monitor-state" : checkpointTopic;
        checkpointInterval = checkpointInterval == null || checkpointInterval.isNegative() ? Duration.ofSeconds(5)
                : checkpointInterval;
        joinHorizon = joinHorizon <= 0 ? 50_000 : joinHorizon;
        readTimeout = readTimeout == null || readTimeout.isNegative() || readTimeout.isZero() ? Duration.ofSeconds(10)
                : readTimeout;
    }
}
