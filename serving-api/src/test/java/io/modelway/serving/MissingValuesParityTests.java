package io.modelway.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelway.core.features.FeaturePipeline;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.models.NetworkArchive;
import io.modelway.test.Http;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import tools.jackson.databind.JsonNode;

/**
 * A model trained on a table with missing values answers a record with nulls, absent fields or the table's own
 * missing markers exactly as training encoded such rows, on all three protocols; the table's other columns are
 * accepted and ignored, a field the table never had is still refused.
 */
class MissingValuesParityTests {

    static ServingStack stack;
    static FeaturePipeline pipeline;
    static MultiLayerNetwork network;

    @BeforeAll
    static void model() {
        stack = ServingStack.get();
        TestModels.Artifacts artifacts = TestModels.penguinsClassifierOnEveryRow(3, 60);
        pipeline = FeaturePipeline.fromJson(artifacts.pipelineJson());
        network = NetworkArchive.read(artifacts.modelZip(), 64 << 20);
        stack.alias("gaps", "production", stack.register("gaps", artifacts));
        stack.awaitServed("gaps", 1);
    }

    /** Records with gaps as a client has them, and as the clean table holds the same rows ("" for missing). */
    private static final List<Map<String, Object>> SENT = new ArrayList<>();
    private static final List<Map<String, String>> AS_TRAINED = new ArrayList<>();

    static {
        add(Map.of("Island", "Torgersen"), "Torgersen", "", "", "", "", "");
        Map<String, Object> nulls = new HashMap<>(Map.of("Island", "Biscoe", "Beak Length (mm)", 46.1,
                "Flipper Length (mm)", 211, "Sex", "."));
        nulls.put("Beak Depth (mm)", null);
        nulls.put("Body Mass (g)", null);
        add(nulls, "Biscoe", "46.1", "", "211", "", "");
        // The label and another column of the table ride along and are ignored.
        add(Map.of("Island", "Dream", "Beak Length (mm)", 49.0, "Beak Depth (mm)", 19.5, "Flipper Length (mm)", 210,
                "Body Mass (g)", 3950, "Sex", "MALE", "Species", "Chinstrap"), "Dream", "49", "19.5", "210", "3950", "MALE");
    }

    private static void add(Map<String, Object> sent, String... cells) {
        SENT.add(sent);
        List<String> names = List.of("Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)",
                "Body Mass (g)", "Sex");
        Map<String, String> row = new LinkedHashMap<>();
        row.put("Species", "");
        for (int i = 0; i < names.size(); i++) {
            row.put(names.get(i), cells[i]);
        }
        AS_TRAINED.add(row);
    }

    private static List<double[]> expected() {
        List<double[]> out = new ArrayList<>();
        for (Map<String, String> row : AS_TRAINED) {
            float[] p = network.output(Nd4j.create(new float[][] {pipeline.encode(row)}), false).toFloatVector();
            double[] d = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                d[i] = p[i];
            }
            out.add(d);
        }
        return out;
    }

    private static void assertSame(List<double[]> answered) {
        List<double[]> expected = expected();
        assertThat(answered).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            for (int c = 0; c < expected.get(i).length; c++) {
                assertThat(answered.get(i)[c]).as("row %d class %d", i, c).isCloseTo(expected.get(i)[c], within(1e-5));
            }
        }
    }

    private static double[] probabilities(JsonNode prediction) {
        return pipeline.label().classes().stream().mapToDouble(c -> prediction.get("probabilities").get(c).asDouble())
                .toArray();
    }

    @Test
    void restImputesGapsAsTrainingDid() {
        Http.Response response = stack.predict("gaps", SENT);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertSame(response.json().get("predictions").valueStream().map(MissingValuesParityTests::probabilities).toList());
    }

    @Test
    void mlflowImputesGapsAsTrainingDid() {
        Http.Response response = stack.serving.post("/invocations?model=gaps", "application/json",
                ModelwayJson.toBytes(Map.of("dataframe_records", SENT)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertSame(response.json().get("predictions").valueStream().map(MissingValuesParityTests::probabilities).toList());
    }

    @Test
    void openInferenceImputesNullElementsAndAbsentTensorsAsTrainingDid() {
        // One tensor per column, with a null where the record has no value; Sex as a marker in row 2.
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (String name : List.of("Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)",
                "Body Mass (g)", "Sex")) {
            boolean text = name.equals("Island") || name.equals("Sex");
            List<Object> data = new ArrayList<>();
            SENT.forEach(record -> data.add(record.get(name)));
            inputs.add(Map.of("name", name, "shape", List.of(SENT.size()), "datatype", text ? "BYTES" : "FP64",
                    "data", data));
        }
        Http.Response response = stack.serving.post("/v2/models/gaps/infer", "application/json",
                ModelwayJson.toBytes(Map.of("inputs", inputs)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode probabilities = response.json().get("outputs").valueStream()
                .filter(o -> o.get("name").asString().equals("probabilities")).findFirst().orElseThrow().get("data");
        int classes = pipeline.label().classes().size();
        List<double[]> answered = new ArrayList<>();
        for (int i = 0; i < SENT.size(); i++) {
            double[] row = new double[classes];
            for (int c = 0; c < classes; c++) {
                row[c] = probabilities.get(i * classes + c).asDouble();
            }
            answered.add(row);
        }
        assertSame(answered);

        // Without the tensors of the missing columns at all: the first record again.
        Http.Response absent = stack.serving.post("/v2/models/gaps/infer", "application/json", """
                {"inputs": [{"name": "Island", "shape": [1], "datatype": "BYTES", "data": ["Torgersen"]}]}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(absent.status()).as(absent.body()).isEqualTo(200);
        JsonNode first = absent.json().get("outputs").valueStream()
                .filter(o -> o.get("name").asString().equals("probabilities")).findFirst().orElseThrow().get("data");
        for (int c = 0; c < classes; c++) {
            assertThat(first.get(c).asDouble()).isCloseTo(expected().get(0)[c], within(1e-5));
        }
    }

    @Test
    void aFieldTheTableNeverHadIsStillRefusedNamingIt() {
        Http.Response refused = stack.predict("gaps", List.of(Map.of("Island", "Dream", "Wingspan", 80)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asString()).isEqualTo("instances[0].Wingspan");
        assertThat(refused.json().get("detail").asString()).contains("nor a column of the table");
    }
}
