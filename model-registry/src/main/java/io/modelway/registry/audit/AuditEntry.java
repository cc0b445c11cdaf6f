package io.modelway.registry.audit;

import java.time.Instant;
import java.util.Map;

/** One line of the audit log. */
public record AuditEntry(long id, String model, String action, String actor, Map<String, Object> detail, Instant at) {
}
