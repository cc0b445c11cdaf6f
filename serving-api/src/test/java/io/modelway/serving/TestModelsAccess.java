package io.modelway.serving;

import io.modelway.core.features.FeaturePipeline;
import java.util.List;
import java.util.Map;

/** The test models, for tests in other packages. */
public final class TestModelsAccess {

    public record Model(byte[] zip, FeaturePipeline pipeline, List<Map<String, String>> rows) {
    }

    private TestModelsAccess() {
    }

    public static Model penguins() {
        TestModels.Artifacts artifacts = TestModels.penguinsClassifier(21, 30, 8);
        return new Model(artifacts.modelZip(), FeaturePipeline.fromJson(artifacts.pipelineJson()), TestModels.penguins());
    }
}
