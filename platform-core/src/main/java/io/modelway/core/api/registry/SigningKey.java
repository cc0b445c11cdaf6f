package io.modelway.core.api.registry;

import java.time.Instant;

/**
 * A key the registry signs version manifests with, as it publishes it: its id, {@code Ed25519}, the public key
 * (X.509 SubjectPublicKeyInfo, base64), and when it was made and retired. The newest key not retired signs; every
 * published key verifies.
 */
public record SigningKey(String keyId, String algorithm, String publicKey, Instant createdAt, Instant retiredAt) {
}
