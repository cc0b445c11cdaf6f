package io.modelway.training.runs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who this replica is when it owns a run, and the terms of ownership: a claimed run is this replica's for
 * {@code modelway.training.lease} ({@code MODELWAY_TRAINING_LEASE}, default 30 s) past its last renewal, renewed every
 * third of that while it trains; a run whose lease ran out is queued again, at most {@code max-attempts} times in
 * all ({@code MODELWAY_TRAINING_MAX_ATTEMPTS}, default 3).
 */
@Component
class RunLeases {

    private final String owner;
    private final Duration lease;
    private final int attempts;

    RunLeases(@Value("${modelway.training.lease:30s}") Duration lease,
            @Value("${modelway.training.max-attempts:3}") int attempts) {
        if (lease.compareTo(Duration.ofSeconds(1)) < 0 || attempts < 1) {
            throw new IllegalArgumentException("modelway.training.lease must be at least 1s and max-attempts at least 1");
        }
        this.owner = host() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.lease = lease;
        this.attempts = attempts;
    }

    /** This process: its host (the pod's name) and a part that differs on every start. */
    String owner() {
        return owner;
    }

    Duration lease() {
        return lease;
    }

    /** The lease as a PostgreSQL interval. */
    String interval() {
        return lease.toMillis() + " milliseconds";
    }

    int attempts() {
        return attempts;
    }

    private static String host() {
        String pod = System.getenv("HOSTNAME");
        if (pod != null && !pod.isBlank()) {
            return pod;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "training";
        }
    }
}
