package io.modelway.registry.signing;

import io.modelway.core.api.registry.ModelVersion;
import io.modelway.core.api.registry.SigningKey;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.models.ManifestSignature;
import io.modelway.core.storage.IntegrityException;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.storage.ObjectStoreException;
import io.modelway.core.storage.StoredObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;

/**
 * The registry vouches for every version it accepted by signing its manifest (Ed25519). Signing happens when an
 * authorised caller registers a version; a start signs versions registered before signing existed; a rotation
 * makes a new key and signs every manifest again with it, after checking it against its current signature, so the
 * old key can then be retired. Each signature is an object of its own ({@code manifest.sig.<key>}); the version's
 * {@code manifest.sig} artifact points at the current one.
 */
@Service
public class ManifestSigning implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ManifestSigning.class);
    private static final long LOCK = 0x6d77_7369_676eL;

    private final SigningKeys keys;
    private final ObjectStore store;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    ManifestSigning(SigningKeys keys, ObjectStore store, JdbcClient jdbc, TransactionTemplate transactions) {
        this.keys = keys;
        this.store = store;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** A first key, and a signature for every version without one; under a lock, so replicas start safely together. */
    @Override
    public void afterSingletonsInstantiated() {
        transactions.executeWithoutResult(status -> {
            lock();
            if (keys.signer().isEmpty()) {
                log.info("Made the first manifest signing key {}", keys.add("bootstrap"));
            }
            List<Unsigned> unsigned = jdbc.sql("""
                    select a.model, a.version, a.object_key, a.sha256 from model_artifacts a
                    where a.file = 'manifest.json' and not exists (select 1 from model_artifacts s
                      where s.model = a.model and s.version = a.version and s.file = 'manifest.sig')""")
                    .query((rs, n) -> new Unsigned(rs.getString("model"), rs.getInt("version"),
                            rs.getString("object_key"), rs.getString("sha256"))).list();
            try {
                unsigned.forEach(v -> sign(v.model(), v.version(), store.getVerified(v.key(), v.sha256())));
            } catch (ObjectStoreException e) {
                // The object store is down: those versions are signed at the next start, meanwhile they do not load.
                log.warn("Could not sign the manifests of {} earlier versions now: {}", unsigned.size(), e.getMessage());
                return;
            }
            if (!unsigned.isEmpty()) {
                log.info("Signed the manifests of {} versions registered before manifests were signed", unsigned.size());
            }
        });
    }

    private record Unsigned(String model, int version, String key, String sha256) {
    }

    /** Signs a version's manifest with the current key, stores the signature and records it as the version's. */
    public ModelVersion.Artifact sign(String model, int version, byte[] manifest) {
        SigningKeys.Signer signer = keys.signer().orElseThrow(() -> new IllegalStateException("No signing key"));
        ManifestSignature signature = ManifestSignature.sign(manifest, signer.keyId(),
                ManifestSignature.privateKey(signer.privateKey()));
        String key = "models/" + model + "/v" + version + "/" + ManifestSignature.FILE + "."
                + signer.keyId().substring(signer.keyId().indexOf(':') + 1);
        StoredObject stored = store.put(key, signature.toBytes(), "application/json");
        jdbc.sql("""
                insert into model_artifacts (model, version, file, object_key, sha256, size)
                values (:m, :v, :f, :k, :s, :z)
                on conflict (model, version, file) do update
                  set object_key = excluded.object_key, sha256 = excluded.sha256, size = excluded.size""")
                .param("m", model).param("v", version).param("f", ManifestSignature.FILE).param("k", stored.key())
                .param("s", stored.sha256()).param("z", stored.size()).update();
        return new ModelVersion.Artifact(ManifestSignature.FILE, stored.key(), stored.sha256(), stored.size());
    }

    /**
     * Makes a new key and signs every version's manifest with it. A manifest whose stored bytes or current signature
     * do not hold is left as it is, and counted: it was not what the registry accepted.
     */
    @Transactional
    public Rotation rotate(String actor) {
        lock();
        List<SigningKey> trusted = keys.all().stream().filter(k -> k.retiredAt() == null).toList();
        String keyId = keys.add(actor);
        int signed = 0;
        List<String> refused = new ArrayList<>();
        for (Signed version : signedVersions()) {
            byte[] manifest = null;
            boolean holds;
            try {
                byte[] stored = store.getVerified(version.manifestKey(), version.manifestSha256());
                ManifestSignature current = ModelwayJson.read(
                        store.getVerified(version.signatureKey(), version.signatureSha256()), ManifestSignature.class);
                holds = trusted.stream().filter(k -> k.keyId().equals(current.keyId()))
                        .anyMatch(k -> current.verifies(stored, ManifestSignature.publicKey(k.publicKey())));
                manifest = stored;
            } catch (IntegrityException | JacksonException e) {
                holds = false;
            }
            if (holds) {
                sign(version.model(), version.version(), manifest);
                signed++;
            } else {
                refused.add(version.model() + " v" + version.version());
            }
        }
        log.info("Rotated the manifest signing key to {}: {} manifests signed again, refused {}", keyId, signed, refused);
        return new Rotation(keyId, signed, refused);
    }

    /** What a rotation did: the new key, how many manifests it signed again, which it refused to. */
    public record Rotation(String keyId, int signed, List<String> refused) {
    }

    private record Signed(String model, int version, String manifestKey, String manifestSha256, String signatureKey,
            String signatureSha256) {
    }

    private List<Signed> signedVersions() {
        return jdbc.sql("""
                select m.model, m.version, m.object_key as mk, m.sha256 as ms, s.object_key as sk, s.sha256 as ss
                from model_artifacts m join model_artifacts s on s.model = m.model and s.version = m.version
                where m.file = 'manifest.json' and s.file = 'manifest.sig' order by m.model, m.version""")
                .query((rs, n) -> new Signed(rs.getString("model"), rs.getInt("version"), rs.getString("mk"),
                        rs.getString("ms"), rs.getString("sk"), rs.getString("ss"))).list();
    }

    private void lock() {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", LOCK).query().singleValue();
    }
}
