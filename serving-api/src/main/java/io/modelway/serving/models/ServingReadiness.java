package io.modelway.serving.models;

import org.springframework.boot.health.contributor.Status;

/**
 * Whether this replica should get traffic: one answer, which {@code /readyz}, Open Inference's
 * {@code /v2/health/ready} and MLflow's {@code /ping} all give.
 */
public interface ServingReadiness {

    /** Answering, but with the last good versions: the registry is unreachable or a wanted version failed to load. */
    Status DEGRADED = new Status("DEGRADED", "serving the last good versions");

    /** {@link Status#UP}, {@link #DEGRADED} or {@link Status#OUT_OF_SERVICE}. */
    Status status();

    /** UP or DEGRADED: traffic is answered. */
    default boolean ready() {
        Status status = status();
        return Status.UP.equals(status) || DEGRADED.equals(status);
    }
}
