package io.modelway.training.runs;

import java.util.UUID;

/** This replica no longer owns the run: its lease ran out and the run was reclaimed, or it is no longer RUNNING. */
class LeaseLost extends RuntimeException {

    LeaseLost(UUID runId) {
        super("run " + runId + " is no longer this replica's to change");
    }
}
