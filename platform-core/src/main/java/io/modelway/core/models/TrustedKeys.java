package io.modelway.core.models;

import io.modelway.core.api.registry.RegistryApi;
import io.modelway.core.api.registry.SigningKey;
import io.modelway.core.storage.Sha256;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys a service trusts to have signed version manifests. By default the keys the registry publishes (read
 * again when a manifest names one not seen yet, at most every ten seconds); when a deployment pins keys
 * ({@code MODELWAY_MODEL_SIGNING_KEYS}), only those. A key's id is derived from the key itself
 * ({@link #keyId(PublicKey)}), so no id can stand for another key.
 */
public final class TrustedKeys {

    /** An unknown key id is looked up again at most this often. */
    private static final Duration REFRESH = Duration.ofSeconds(2);
    /** Known keys are read again this often, so a retired key stops being trusted. */
    private static final Duration MAX_AGE = Duration.ofMinutes(1);

    private final RegistryApi registry;
    private final Map<String, PublicKey> pinned;
    private volatile Map<String, PublicKey> published = Map.of();
    private volatile Instant readAt = Instant.MIN;

    /** {@code pinnedKeys}: public keys (X.509, base64) to trust instead of the registry's; empty for the registry's. */
    public TrustedKeys(RegistryApi registry, List<String> pinnedKeys) {
        this.registry = registry;
        Map<String, PublicKey> keys = new HashMap<>();
        for (String encoded : pinnedKeys) {
            PublicKey key = ManifestSignature.publicKey(encoded.trim());
            keys.put(keyId(key), key);
        }
        this.pinned = Map.copyOf(keys);
    }

    /** The key's id: {@code ed25519:} and the first 16 bytes of the SHA-256 of its X.509 encoding, in hex. */
    public static String keyId(PublicKey key) {
        return "ed25519:" + Sha256.of(key.getEncoded()).substring(0, 32);
    }

    public Optional<PublicKey> key(String keyId) {
        if (!pinned.isEmpty()) {
            return Optional.ofNullable(pinned.get(keyId));
        }
        PublicKey key = published.get(keyId);
        Instant now = Instant.now();
        if (key == null ? now.isAfter(readAt.plus(REFRESH)) : now.isAfter(readAt.plus(MAX_AGE))) {
            Map<String, PublicKey> keys = new HashMap<>();
            for (SigningKey signing : registry.signingKeys()) {
                PublicKey candidate = ManifestSignature.publicKey(signing.publicKey());
                if (signing.retiredAt() == null && keyId(candidate).equals(signing.keyId())) {
                    keys.put(signing.keyId(), candidate);
                }
            }
            published = Map.copyOf(keys);
            readAt = Instant.now();
            key = published.get(keyId);
        }
        return Optional.ofNullable(key);
    }
}
