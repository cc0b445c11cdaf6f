package io.modelway.dashboard;

import io.modelway.dashboard.accuracy.LiveAccuracy;
import io.modelway.dashboard.drift.DriftMonitor;
import java.time.Instant;
import java.util.List;

/**
 * What the monitor holds of one partition number of the predictions and feedback, and where reading them resumes:
 * for each topic, {@code next} is the first record the state does not reflect, {@code resumeAt} where reading starts
 * again (before {@code next} on the predictions, to read again the predictions still waiting for feedback).
 */
record MonitorCheckpoint(int partition, Instant writtenAt, List<Position> positions, DriftMonitor.State drift,
        LiveAccuracy.State accuracy) {

    record Position(String topic, long next, long resumeAt) {
    }

    MonitorCheckpoint {
        positions = positions == null ? List.of() : List.copyOf(positions);
        drift = drift == null ? new DriftMonitor.State(List.of(), List.of()) : drift;
        accuracy = accuracy == null ? new LiveAccuracy.State(List.of(), List.of(), List.of()) : accuracy;
    }
}
