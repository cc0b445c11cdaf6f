package io.modelway.auth.apikeys;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An API key as the API lists it: never the key itself, only its first characters to recognise it by. */
public record ApiKey(UUID id, String name, String prefix, List<String> roles, List<String> models, Instant createdAt,
        String createdBy, Instant expiresAt, Instant revokedAt, String revokedBy) {

    /** Known, not revoked, not expired. */
    public boolean active(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
