package io.modelway.registry.lineage;

import io.modelway.core.api.registry.ModelVersion;
import io.modelway.core.api.registry.VersionLineage;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.web.ApiException;
import io.modelway.registry.models.ModelRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LineageController {

    private final ModelRepository models;
    private final ObjectStore store;

    LineageController(ModelRepository models, ObjectStore store) {
        this.models = models;
        this.store = store;
    }

    /**
     * Version → training run → dataset version → raw upload. Links the registering run did not report (a
     * version registered by hand) are null.
     */
    @GetMapping("/api/models/{model}/versions/{version}/lineage")
    Lineage lineage(@PathVariable String model, @PathVariable int version) {
        ModelVersion v = models.find(model, version)
                .orElseThrow(() -> ApiException.notFound("Model '" + model + "' has no version " + version));
        VersionLineage reported = v.lineage();
        Lineage.Run run = v.runId() == null ? null : new Lineage.Run(v.runId(), reported.reason(),
                reported.codeVersion(), v.paramsSha256(),
                new Lineage.Link("training-service", "/api/training-runs/" + v.runId()));
        Lineage.DatasetVersion dataset = v.dataset() == null ? null : new Lineage.DatasetVersion(v.dataset(),
                v.datasetVersion(), reported.dataKey(), v.datasetSha256(),
                reported.dataKey() == null ? null : store.exists(reported.dataKey()),
                v.datasetVersion() == null ? null
                        : new Lineage.Link("ingest-service", "/api/datasets/" + v.dataset() + "/versions/" + v.datasetVersion()));
        VersionLineage.Source source = reported.source();
        Lineage.Upload upload = source == null ? null : new Lineage.Upload(source.uploadId(), source.key(),
                source.sha256(), source.contentType(), source.key() != null && store.exists(source.key()));
        return new Lineage(model, version, run, dataset, upload);
    }
}
