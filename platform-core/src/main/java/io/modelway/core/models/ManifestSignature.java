package io.modelway.core.models;

import io.modelway.core.json.ModelwayJson;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The registry's signature of a version's {@code manifest.json} (stored beside it as {@code manifest.sig}): Ed25519
 * over the manifest's exact bytes, with the id of the key that signed. The manifest names every artifact's
 * SHA-256, so a verified signature vouches for the whole version as the registry accepted it.
 */
public record ManifestSignature(String keyId, String algorithm, String signature) {

    public static final String FILE = "manifest.sig";
    public static final String ALGORITHM = "Ed25519";

    public static ManifestSignature sign(byte[] manifest, String keyId, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(manifest);
            return new ManifestSignature(keyId, ALGORITHM, Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign with " + keyId, e);
        }
    }

    /** Whether this signature of {@code manifest} was made with the private half of {@code key}. */
    public boolean verifies(byte[] manifest, PublicKey key) {
        if (!ALGORITHM.equals(algorithm) || signature == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(manifest);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A public key as the registry publishes it: X.509 SubjectPublicKeyInfo, base64. */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** A private key as the registry stores it: PKCS #8, base64. */
    public static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Not an Ed25519 private key", e);
        }
    }

    /** The bytes of {@code manifest.sig}. */
    public byte[] toBytes() {
        return ModelwayJson.toBytes(this);
    }
}
