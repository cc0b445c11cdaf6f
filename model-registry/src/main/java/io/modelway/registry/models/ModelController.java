package io.modelway.registry.models;

import io.modelway.core.api.registry.ModelSummary;
import io.modelway.core.api.registry.ModelVersion;
import io.modelway.core.api.registry.VersionManifest;
import io.modelway.core.api.registry.VersionMetadata;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.models.ManifestSignature;
import io.modelway.core.storage.IntegrityException;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.web.ApiException;
import io.modelway.core.web.Paging;
import io.modelway.registry.audit.AuditLog;
import io.modelway.registry.tags.TagFilter;
import io.modelway.registry.tags.TagRules;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

@RestController
@RequestMapping("/api/models")
class ModelController {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final List<String> REQUIRED = List.of("model.zip", "pipeline.json");

    private final ModelRepository models;
    private final VersionRegistration registration;
    private final ObjectStore store;
    private final AuditLog audit;

    ModelController(ModelRepository models, VersionRegistration registration, ObjectStore store, AuditLog audit) {
        this.models = models;
        this.registration = registration;
        this.store = store;
        this.audit = audit;
    }

    /** Models by name, optionally only those with given tags ({@code tag=name} or {@code tag=name:value}); paged. */
    @GetMapping
    ResponseEntity<List<ModelSummary>> models(@RequestParam(required = false) List<String> tag,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        Paging paging = Paging.of(limit, offset, 1000);
        TagFilter tags = TagFilter.parse(tag);
        List<ModelSummary> matching = models.models().stream().filter(m -> tags.matches(m.tags())).toList();
        return paging.page(matching);
    }

    @GetMapping("/{model}")
    ModelSummary model(@PathVariable String model) {
        return models.models().stream().filter(m -> m.name().equals(model)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Model '" + model + "' does not exist"));
    }

    /**
     * Versions, oldest first, optionally only those trained on one dataset (and version) or carrying given
     * tags; paged.
     */
    @GetMapping("/{model}/versions")
    ResponseEntity<List<ModelVersion>> versions(@PathVariable String model,
            @RequestParam(required = false) String dataset, @RequestParam(required = false) Integer datasetVersion,
            @RequestParam(required = false) List<String> tag,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        Paging paging = Paging.of(limit, offset, 1000);
        TagFilter tags = TagFilter.parse(tag);
        requireModel(model);
        List<ModelVersion> matching = models.versions(model).stream()
                .filter(v -> dataset == null || dataset.equals(v.dataset()))
                .filter(v -> datasetVersion == null || datasetVersion.equals(v.datasetVersion()))
                .filter(v -> tags.matches(v.tags()))
                .toList();
        return paging.page(matching);
    }

    @GetMapping("/{model}/versions/{version}")
    ModelVersion version(@PathVariable String model, @PathVariable int version) {
        return find(model, version);
    }

    /**
     * Registers a version from a multipart upload: a {@code metadata} JSON part and one file part per
     * artifact, named by its file name; {@code model.zip} and {@code pipeline.json} are required.
     */
    @PostMapping(value = "/{model}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ApiResponse(responseCode = "201", description = "Registered, at the Location")
    ResponseEntity<ModelVersion> register(@PathVariable String model, @RequestPart("metadata") String metadata,
            MultipartHttpServletRequest request,
            Principal actor) throws IOException {
        if (!NAME.matcher(model).matches()) {
            throw ApiException.badRequest("model", "model name must be 1-100 letters, digits, '.', '_' or '-'");
        }
        VersionMetadata meta = ModelwayJson.read(metadata, VersionMetadata.class);
        if (meta.modelType() == null) {
            throw ApiException.badRequest("metadata.modelType", "is required");
        }
        TagRules.checkAll(meta.tags());
        Map<String, MultipartFile> parts = new LinkedHashMap<>(request.getFileMap());
        parts.remove("metadata");
        for (String file : parts.keySet()) {
            if (!FILE.matcher(file).matches() || file.equals(VersionManifest.FILE)
                    || file.startsWith(ManifestSignature.FILE)) {
                throw ApiException.badRequest(file, "is not an allowed artifact file name");
            }
        }
        for (String required : REQUIRED) {
            MultipartFile part = request.getFile(required);
            if (part == null || part.isEmpty()) {
                throw ApiException.badRequest(required, "artifact is required");
            }
        }
        // The parts are on disk (the multipart spool) and go to the store from files: an artifact is never held
        // whole in the heap.
        Map<String, Path> files = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, MultipartFile> part : parts.entrySet()) {
                Path file = Files.createTempFile("modelway-artifact-", ".part");
                files.put(part.getKey(), file);
                part.getValue().transferTo(file);
            }
            ModelVersion registered = registration.register(model, meta, files, actor.getName());
            return ResponseEntity.created(URI.create("/api/models/" + model + "/versions/" + registered.version()))
                    .body(registered);
        } finally {
            for (Path file : files.values()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** An artifact's bytes, checked against the SHA-256 recorded at registration. */
    @GetMapping("/{model}/versions/{version}/artifacts/{file}")
    ResponseEntity<byte[]> artifact(@PathVariable String model, @PathVariable int version, @PathVariable String file,
            Principal actor) {
        ModelVersion.Artifact artifact = find(model, version).artifact(file);
        if (artifact == null) {
            throw ApiException.notFound("Version " + version + " of '" + model + "' has no artifact '" + file + "'");
        }
        try {
            byte[] bytes = store.getVerified(artifact.key(), artifact.sha256());
            return ResponseEntity.ok()
                    .contentType(file.endsWith(".json") ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_OCTET_STREAM)
                    .header("X-Modelway-Sha256", artifact.sha256())
                    .body(bytes);
        } catch (IntegrityException e) {
            audit.record(model, "artifact.integrity_failure", actor.getName(), Map.of("version", version, "file", file,
                    "expectedSha256", artifact.sha256()));
            throw e;
        }
    }

    ModelVersion find(String model, int version) {
        return models.find(model, version).orElseThrow(
                () -> ApiException.notFound("Model '" + model + "' has no version " + version));
    }

    private void requireModel(String model) {
        if (!models.exists(model)) {
            throw ApiException.notFound("Model '" + model + "' does not exist");
        }
    }
}
