package io.modelway.core.models;

import io.modelway.core.api.ServiceClients;
import io.modelway.core.api.registry.ModelVersion;
import io.modelway.core.api.registry.RegistryApi;
import io.modelway.core.api.registry.VersionManifest;
import io.modelway.core.features.FeaturePipeline;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.storage.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import tools.jackson.core.JacksonException;

/**
 * A version's artifacts as the registry accepted them, checked before anything in them is parsed: the manifest's
 * signature with a trusted key, the manifest naming this very version, and every file's SHA-256 against the signed
 * manifest (not only the registry's database, which is no proof if it was changed too).
 */
public final class VerifiedArtifacts {

    private static final String MODEL = "model.zip";
    private static final String PIPELINE = "pipeline.json";

    /** A model version as serving and training score it: its signed manifest, its feature pipeline and network. */
    public record Model(VersionManifest manifest, FeaturePipeline pipeline, MultiLayerNetwork network) {

        /** The SHA-256 of its {@code model.zip}: the signed manifest's, which the bytes were checked against. */
        public String modelSha256() {
            return manifest.artifact(MODEL).sha256();
        }
    }

    /** The signed manifest and the bytes of the files asked for, each as the manifest says. */
    private record Verified(VersionManifest manifest, Map<String, byte[]> files) {
    }

    private final RegistryApi lookups;
    private final RegistryApi downloads;
    private final TrustedKeys keys;
    private final long maxNetworkBytes;

    /**
     * {@code lookups} reads the manifest and its signature, {@code downloads} the files: clients of the same
     * registry with the deadline of a small answer and of a large one. {@code trust}: the keys to trust (none
     * pinned: the registry's) and the largest network to read.
     */
    public VerifiedArtifacts(RegistryApi lookups, RegistryApi downloads, ModelArtifactsProperties trust) {
        this.lookups = lookups;
        this.downloads = downloads;
        this.keys = new TrustedKeys(lookups, trust.signingKeys());
        this.maxNetworkBytes = trust.maxNetworkSize().toBytes();
    }

    /**
     * A model version's pipeline and network, checked against its signed manifest and read without running anything
     * the archive carries; {@link UnsafeArtifactException} when a check refuses it.
     */
    public Model model(String model, int version) {
        Verified verified = fetch(model, version, List.of(MODEL, PIPELINE));
        FeaturePipeline pipeline = FeaturePipeline.fromJson(
                new String(verified.files().get(PIPELINE), StandardCharsets.UTF_8));
        return new Model(verified.manifest(), pipeline, NetworkArchive.read(verified.files().get(MODEL), maxNetworkBytes));
    }

    private Verified fetch(String model, int version, List<String> files) {
        String name = model + " v" + version;
        byte[] manifest = lookups.artifact(model, version, VersionManifest.FILE);
        byte[] signed = ServiceClients.unlessNotFound(() -> lookups.artifact(model, version, ManifestSignature.FILE))
                .orElseThrow(() -> new UnsafeArtifactException(name + " has no signed manifest"));
        ManifestSignature signature;
        VersionManifest parsed;
        try {
            signature = ModelwayJson.read(signed, ManifestSignature.class);
        } catch (JacksonException e) {
            throw new UnsafeArtifactException(name + "'s " + ManifestSignature.FILE + " is not readable", e);
        }
        PublicKey key = keys.key(signature.keyId()).orElseThrow(() -> new UnsafeArtifactException(name
                + "'s manifest is signed with " + signature.keyId() + ", which is not a trusted key"));
        if (!signature.verifies(manifest, key)) {
            throw new UnsafeArtifactException(name + "'s manifest does not match its signature");
        }
        try {
            parsed = ModelwayJson.read(manifest, VersionManifest.class);
        } catch (JacksonException e) {
            throw new UnsafeArtifactException(name + "'s manifest is not readable", e);
        }
        if (!model.equals(parsed.model()) || version != parsed.version()) {
            throw new UnsafeArtifactException(name + "'s signed manifest is the one of " + parsed.model() + " v"
                    + parsed.version());
        }
        Map<String, byte[]> verified = new LinkedHashMap<>();
        for (String file : files) {
            ModelVersion.Artifact artifact = parsed.artifact(file);
            if (artifact == null) {
                throw new UnsafeArtifactException(name + "'s signed manifest lists no " + file);
            }
            byte[] bytes = downloads.artifact(model, version, file);
            if (!Sha256.of(bytes).equals(artifact.sha256())) {
                throw new UnsafeArtifactException(name + "'s " + file + " does not match its signed manifest");
            }
            verified.put(file, bytes);
        }
        return new Verified(parsed, verified);
    }
}
