package io.modelway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.events.DatasetVersionCreated;
import io.modelway.core.events.ModelAliasChanged;
import io.modelway.core.security.Role;
import io.modelway.core.security.RouteTable;
import io.modelway.e2e.deploy.DeploymentFilesTests;
import io.modelway.e2e.deploy.MetricQueries;
import io.modelway.test.Await;
import io.modelway.test.EventProbe;
import io.modelway.test.Http;
import io.modelway.test.RouteWalk;
import io.modelway.test.Samples;
import io.modelway.test.TestInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The main pipeline across all five services on real Kafka, S3 and PostgreSQL: upload penguins, let the
 * new dataset version trigger training, see the version registered and promoted, and get a correct
 * prediction for a Gentoo penguin the model never saw.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PenguinsPipelineTests {

    private static final String HELD_BACK = "Gentoo,Biscoe,46.1,13.2,211,4500,FEMALE";

    static PlatformStack stack;

    @BeforeAll
    static void start() {
        stack = new PlatformStack();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    @Order(1)
    void uploadTrainsRegistersPromotesAndServesPenguins() throws IOException {
        Http ingest = stack.as(Role.ENGINEER, stack.ingest);
        Http training = stack.as(Role.ENGINEER, stack.training);
        Http registry = stack.as(Role.VIEWER, stack.registry);
        Http serving = stack.as(Role.CLIENT, stack.serving);

        Http.Response spec = training.putJson("/api/training-specs/penguins", Map.of(
                "dataset", "penguins", "label", "Species", "type", "classifier",
                "params", Map.of("epochs", 100, "seed", 7),
                "triggers", List.of("new-data"),
                "promote", Map.of("alias", "production", "metric", "accuracy", "threshold", 0.9)));
        assertThat(spec.status()).as(spec.body()).isEqualTo(200);

        // The sample as it is (its empty cells and '.' kept for the pipeline to impute), less the held-back row,
        // plus a row cut short and one whose species nobody recorded.
        String csv = new String(Samples.bytes("penguins.csv"), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.equals(HELD_BACK)).collect(Collectors.joining("\n", "", "\n"))
                + "Adelie,Dream,39.5\n" + ",Dream,39.5,17.4,186,3800,FEMALE\n";
        Http.Response upload = ingest.post("/api/datasets/penguins/uploads", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        JsonNode version = upload.json();
        assertThat(version.get("rowsReceived").asLong()).isEqualTo(345);
        assertThat(version.get("rowsClean").asLong()).isEqualTo(344);
        assertThat(version.get("rowsQuarantined").asLong()).isEqualTo(1);
        assertThat(version.get("quarantineReasons").get("ragged_row").asLong()).isEqualTo(1);
        assertThat(version.get("rowsClean").asLong() + version.get("rowsQuarantined").asLong())
                .isEqualTo(version.get("rowsReceived").asLong());

        JsonNode run = Await.until("training run of penguins to finish", Duration.ofSeconds(120),
                () -> training.get("/api/training-runs?model=penguins").json(),
                runs -> runs.size() == 1 && List.of("SUCCEEDED", "FAILED").contains(runs.get(0).get("status").asString()))
                .get(0);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("reason").asString()).isEqualTo("new-data");
        assertThat(run.get("datasetVersion").asInt()).isEqualTo(1);
        assertThat(run.get("datasetSha256").asString())
                .isEqualTo(version.get("objects").get("data").get("sha256").asString());
        // Early stopping on the validation split: one point per epoch run, the best of them kept.
        assertThat(run.get("history")).hasSize(run.get("epoch").asInt());
        assertThat(run.get("metrics").get("bestEpoch").asInt()).isBetween(1, run.get("epoch").asInt());
        assertThat(run.get("metrics").get("accuracy").asDouble())
                .isGreaterThan(run.get("metrics").get("baseline").get("accuracy").asDouble());
        assertThat(run.get("metrics").get("accuracy").asDouble()).isGreaterThanOrEqualTo(0.98);
        assertThat(run.get("metrics").get("rowsUsed").asInt()).isEqualTo(343);
        assertThat(run.get("metrics").get("rowsWithoutLabel").asInt()).isEqualTo(1);
        assertThat(run.get("modelVersion").asInt()).isEqualTo(1);
        assertThat(run.get("promotion").get("promoted").asBoolean()).isTrue();

        JsonNode registered = registry.get("/api/models/penguins/versions/1").json();
        assertThat(registered.get("runId").asString()).isEqualTo(run.get("runId").asString());
        assertThat(registered.get("dataset").asString()).isEqualTo("penguins");
        assertThat(registered.get("datasetVersion").asInt()).isEqualTo(1);
        assertThat(registered.get("paramsSha256").asString()).isEqualTo(run.get("paramsSha256").asString());
        JsonNode lineage = registry.get("/api/models/penguins/versions/1/lineage").json();
        assertThat(lineage.get("run").get("reason").asString()).isEqualTo("new-data");
        assertThat(lineage.get("run").get("codeVersion").asString()).isEqualTo(run.get("codeVersion").asString())
                .isNotBlank();
        assertThat(lineage.get("datasetVersion").get("dataKey").asString())
                .isEqualTo(version.get("objects").get("data").get("key").asString());
        assertThat(lineage.get("datasetVersion").get("stored").asBoolean()).isTrue();
        assertThat(lineage.get("upload").get("uploadId").asString()).isEqualTo(version.get("uploadId").asString());
        assertThat(lineage.get("upload").get("sha256").asString()).isEqualTo(version.get("sourceSha256").asString());
        assertThat(lineage.get("upload").get("key").asString())
                .isEqualTo(version.get("objects").get("raw").get("key").asString());
        assertThat(lineage.get("upload").get("stored").asBoolean()).isTrue();
        JsonNode alias = registry.get("/api/models/penguins/aliases/production").json();
        assertThat(alias.get("model").asString()).isEqualTo("penguins");
        assertThat(alias.get("alias").asString()).isEqualTo("production");
        assertThat(alias.get("version").asInt()).isEqualTo(1);

        String brokers = TestInfrastructure.get().kafkaBrokers();
        assertThat(EventProbe.await(brokers, "modelway.datasets", DatasetVersionCreated.class,
                e -> e.dataset().equals("penguins"), 1, Duration.ofSeconds(10))).hasSize(1);
        assertThat(EventProbe.await(brokers, "modelway.models", ModelAliasChanged.class,
                e -> e.model().equals("penguins") && "production".equals(e.alias()), 1, Duration.ofSeconds(10)))
                .singleElement().satisfies(e -> assertThat(e.version()).isEqualTo(1));

        Map<String, Object> gentoo = Map.of("Island", "Biscoe", "Beak Length (mm)", 46.1, "Beak Depth (mm)", 13.2,
                "Flipper Length (mm)", 211, "Body Mass (g)", 4500, "Sex", "FEMALE");
        JsonNode prediction = Await.until("serving to answer for penguins", Duration.ofSeconds(60),
                () -> serving.postJson("/api/models/penguins/predict", Map.of("instances", List.of(gentoo))),
                r -> r.status() == 200).json();
        assertThat(prediction.get("model").asString()).isEqualTo("penguins");
        assertThat(prediction.get("version").asInt()).isEqualTo(1);
        JsonNode answer = prediction.get("predictions").get(0);
        assertThat(answer.get("label").asString()).isEqualTo("Gentoo");
        assertThat(answer.get("probabilities").get("Gentoo").asDouble()).isGreaterThan(0.5);
        assertThat(prediction.get("modelSha256").asString()).isEqualTo(registered.get("artifacts").findValues("sha256")
                .get(registeredIndex(registered, "model.zip")).asString());

        Http.Response feedback = serving.postJson("/api/feedback", Map.of("requestId",
                prediction.get("requestId").asString(), "label", "Gentoo"));
        assertThat(feedback.status()).as(feedback.body()).isEqualTo(202);
        Await.until("the feedback to be joined", Duration.ofSeconds(30),
                () -> stack.as(Role.VIEWER, stack.dashboard).get("/api/live-accuracy/penguins").json(),
                scores -> scores.size() == 1 && scores.get(0).get("accuracy").asDouble() == 1.0);

        Http.Response unknownIsland = serving.postJson("/api/models/penguins/predict",
                Map.of("instances", List.of(Map.of("Island", "Atlantis"))));
        assertThat(unknownIsland.status()).isEqualTo(400);
        assertThat(unknownIsland.json().get("field").asString()).startsWith("instances[0].");

        JsonNode overview = stack.as(Role.VIEWER, stack.dashboard).get("/api/overview").json();
        assertThat(overview.get("models").get(0).get("aliases").get("production").asInt()).isEqualTo(1);

        assertEveryServicePublishesProbesAndItsOpenApi();
        assertAWeakerRetrainIsRegisteredButNotPromoted(training, registry);
        assertShiftedInputsRetrainThroughTheGate(training, serving, registry);
        assertGroundTruthOfShiftedTrafficTeachesAVersionThatBeatsTheOneItReplaces(training, serving, registry, ingest);
        assertEveryMetricTheDashboardAndAlertsQueryIsExported();
    }

    /**
     * On the data the pipeline left behind, the console in headless Chromium shows every page (datasets,
     * runs, models, predictions, drift and accuracy), promotes, rolls back, predicts and sends feedback.
     */
    @Test
    @Order(2)
    void consoleShowsAndActsOnThePipelineInChromium() throws IOException {
        assertThat(stack.as(Role.VIEWER, stack.registry).get("/api/models/penguins/versions").json().size())
                .as("the pipeline test ran first and registered versions").isGreaterThanOrEqualTo(2);
        // Long enough a run that the console shows it part-way when it starts one.
        assertThat(stack.as(Role.ENGINEER, stack.training).putJson("/api/training-specs/penguins", Map.of(
                "dataset", "penguins", "label", "Species", "type", "classifier",
                "params", Map.of("epochs", 600, "seed", 42), "triggers", List.of("new-data", "drift"),
                "promote", Map.of("alias", "production", "metric", "accuracy", "margin", 0.0),
                "drift", Map.of("method", "psi", "threshold", 0.25, "windows", 1, "cooldown", "PT1H"))).status())
                .isEqualTo(200);
        long joinedBefore = stack.as(Role.VIEWER, stack.dashboard).get("/api/live-accuracy/penguins").json()
                .valueStream().mapToLong(s -> s.get("feedback").asLong()).sum();
        String output = ConsoleInChromium.check(stack.dashboard, PlatformStack.DEMO_PASSWORD);
        System.out.println(output);
        assertThat(output).contains("console checks passed");
        for (String page : List.of("01-overview", "02-datasets", "03-dataset-penguins", "04-training-runs",
                "05-training-run", "06-model-penguins", "07-model-penguins-after-promote", "08-predict",
                "09-drift-and-accuracy")) {
            Path screenshot = ConsoleInChromium.SCREENSHOTS.resolve(page + ".png");
            assertThat(screenshot).as(page).isNotEmptyFile();
        }
        JsonNode feedback = Await.until("the console's feedback to be joined", Duration.ofSeconds(30),
                () -> stack.as(Role.VIEWER, stack.dashboard).get("/api/live-accuracy/penguins").json(),
                scores -> scores.valueStream().mapToLong(s -> s.get("feedback").asLong()).sum() >= joinedBefore + 1);
        assertThat(feedback.valueStream().mapToLong(s -> s.get("feedback").asLong()).sum()).isEqualTo(joinedBefore + 1);
    }

    /**
     * The closed loop: inputs far from training drift past the spec's threshold in the dashboard's measure,
     * training decides to retrain on the latest dataset version and the gate decides, recording why.
     */
    private static void assertShiftedInputsRetrainThroughTheGate(Http training, Http serving, Http registry) {
        assertThat(training.putJson("/api/training-specs/penguins", Map.of(
                "dataset", "penguins", "label", "Species", "type", "classifier",
                "params", Map.of("epochs", 100, "seed", 42),
                "triggers", List.of("new-data", "drift"),
                "promote", Map.of("alias", "production", "metric", "accuracy", "margin", 0.0),
                "drift", Map.of("method", "psi", "threshold", 0.25, "windows", 1, "cooldown", "PT1H"))).status())
                .isEqualTo(200);
        for (int i = 0; i < 50; i++) {
            Map<String, Object> heavy = new java.util.LinkedHashMap<>(Map.of("Island", "Biscoe", "Beak Length (mm)", 46.1,
                    "Beak Depth (mm)", 13.2, "Flipper Length (mm)", 211, "Body Mass (g)", 7000 + 20 * i, "Sex", "FEMALE"));
            assertThat(serving.postJson("/api/models/penguins/predict", Map.of("instances", List.of(heavy))).status())
                    .isEqualTo(200);
        }

        JsonNode run = Await.until("a drift retrain to finish", Duration.ofSeconds(120),
                () -> training.get("/api/training-runs?model=penguins&reason=drift").json(),
                runs -> runs.size() == 1 && List.of("SUCCEEDED", "FAILED").contains(runs.get(0).get("status").asString()))
                .get(0);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("datasetVersion").asInt()).as("the latest dataset version").isEqualTo(1);
        JsonNode promotion = run.get("promotion");
        assertThat(promotion.has("promoted") && promotion.has("candidate") && promotion.has("incumbent"))
                .as(promotion.toString()).isTrue();
        int expected = promotion.get("promoted").asBoolean() ? run.get("modelVersion").asInt() : 1;
        assertThat(registry.get("/api/models/penguins/aliases/production").json().get("version").asInt())
                .isEqualTo(expected);
        Http dashboard = stack.as(Role.VIEWER, stack.dashboard);
        Http dashboardMetrics = Http.local(stack.managementPort(stack.dashboard));
        JsonNode windows = dashboard.get("/api/drift/penguins").json();
        JsonNode requested = training.get("/api/training-specs/penguins/drift-decisions").json().valueStream()
                .filter(d -> "REQUESTED".equals(d.get("outcome").asString())).findFirst().orElseThrow();
        assertThat(requested.get("runId").asString()).isEqualTo(run.get("runId").asString());
        assertThat(windows.valueStream().map(w -> w.get("id").asString())).contains(requested.get("windowId").asString());
        assertThat(dashboardMetrics.metric("modelway_feature_drift", Map.of("model", "penguins", "feature", "Body Mass (g)",
                "method", "psi")).orElseThrow()).isGreaterThan(0.25);
    }

    /**
     * The loop that learns: heavy penguins from Dream that are in truth Chinstraps, a concept training never saw.
     * Their predictions and true labels are joined by the dashboard, kept by training and, at the feedback policy's
     * minimum, appended by ingest to the dataset as a new version; its new-data run is promoted because it beats
     * the served version on its holdout, which holds shifted rows, and serving then answers them right.
     */
    private static void assertGroundTruthOfShiftedTrafficTeachesAVersionThatBeatsTheOneItReplaces(Http training,
            Http serving, Http registry, Http ingest) {
        int served = registry.get("/api/models/penguins/aliases/production").json().get("version").asInt();
        // One row of ground truth is kept from the first prediction's feedback: the minimum is that and the shift.
        assertThat(training.putJson("/api/training-specs/penguins", Map.of(
                "dataset", "penguins", "label", "Species", "type", "classifier",
                "params", Map.of("epochs", 100, "seed", 11), "triggers", List.of("new-data"),
                "promote", Map.of("alias", "production", "metric", "accuracy", "margin", 0.0),
                "feedback", Map.of("minRows", 61, "mix", "append"))).status()).isEqualTo(200);
        int wrong = 0;
        for (int i = 0; i < 60; i++) {
            JsonNode answer = serving.postJson("/api/models/penguins/predict", Map.of("instances", List.of(
                    shiftedPenguin(i)))).json();
            wrong += "Chinstrap".equals(answer.get("predictions").get(0).get("label").asString()) ? 0 : 1;
            Http.Response feedback = serving.postJson("/api/feedback", Map.of("requestId",
                    answer.get("requestId").asString(), "label", "Chinstrap"));
            assertThat(feedback.status()).as(feedback.body()).isEqualTo(202);
        }
        assertThat(wrong).as("the served version does not know the shift").isGreaterThan(30);

        JsonNode version = Await.until("the feedback version of penguins", Duration.ofSeconds(60),
                () -> ingest.get("/api/datasets/penguins/versions").json(),
                v -> v.size() >= 2 && "PUBLISHED".equals(v.get(1).get("status").asString())).get(1);
        assertThat(version.get("source").get("kind").asString()).isEqualTo("feedback");
        assertThat(version.get("source").get("baseVersion").asInt()).isEqualTo(1);
        assertThat(version.get("source").get("feedbackRows").asInt()).isEqualTo(61);
        assertThat(version.get("rowsReceived").asLong()).isEqualTo(344 + 61);
        assertThat(version.get("rowsClean").asLong() + version.get("rowsQuarantined").asLong()).isEqualTo(405);
        JsonNode run = Await.until("the new-data run on the feedback version", Duration.ofSeconds(120),
                () -> training.get("/api/training-runs?model=penguins&reason=new-data").json(),
                runs -> runs.valueStream().anyMatch(r -> r.get("datasetVersion").asInt() == 2
                        && List.of("SUCCEEDED", "FAILED").contains(r.get("status").asString())))
                .valueStream().filter(r -> r.get("datasetVersion").asInt() == 2).findFirst().orElseThrow();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        JsonNode promotion = run.get("promotion");
        assertThat(promotion.get("promoted").asBoolean()).as(promotion.toString()).isTrue();
        assertThat(promotion.get("incumbentVersion").asInt()).isEqualTo(served);
        assertThat(promotion.get("candidate").asDouble()).isGreaterThan(promotion.get("incumbent").asDouble());
        int learned = run.get("modelVersion").asInt();
        assertThat(registry.get("/api/models/penguins/versions/" + learned).json().get("datasetVersion").asInt())
                .isEqualTo(2);
        JsonNode answer = Await.until("serving to answer with v" + learned, Duration.ofSeconds(60),
                () -> serving.postJson("/api/models/penguins/predict", Map.of("instances",
                        List.of(shiftedPenguin(7)))).json(), a -> a.get("version").asInt() == learned);
        assertThat(answer.get("predictions").get(0).get("label").asString()).isEqualTo("Chinstrap");
    }

    private static Map<String, Object> shiftedPenguin(int i) {
        return Map.of("Island", "Dream", "Beak Length (mm)", 47.0 + (i % 5) * 0.4, "Beak Depth (mm)", 14.0 + (i % 3) * 0.3,
                "Flipper Length (mm)", 215 + i % 7, "Body Mass (g)", 6500 + 15 * i, "Sex", i % 2 == 0 ? "FEMALE" : "MALE");
    }

    /**
     * A manual run of a deliberately weak spec (one epoch) is registered as version 2, but the gate scores
     * version 1 on the new run's own holdout, finds it better, and leaves the alias where it is.
     */
    private static void assertAWeakerRetrainIsRegisteredButNotPromoted(Http training, Http registry) {
        assertThat(training.putJson("/api/training-specs/penguins", Map.of(
                "dataset", "penguins", "label", "Species", "type", "classifier",
                "params", Map.of("epochs", 1, "seed", 7, "hiddenLayers", List.of(2), "learningRate", 0.0001),
                "triggers", List.of("new-data"),
                "promote", Map.of("alias", "production", "metric", "accuracy", "margin", 0.0))).status())
                .isEqualTo(200);
        Http.Response queued = training.postJson("/api/training-runs", Map.of("model", "penguins"));
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        String runId = queued.json().get("runId").asString();

        JsonNode run = Await.until("the weak run to finish", Duration.ofSeconds(120),
                () -> training.get("/api/training-runs/" + runId).json(),
                r -> List.of("SUCCEEDED", "FAILED").contains(r.get("status").asString()));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("modelVersion").asInt()).isEqualTo(2);
        JsonNode promotion = run.get("promotion");
        assertThat(promotion.get("promoted").asBoolean()).as(promotion.toString()).isFalse();
        assertThat(promotion.get("incumbentVersion").asInt()).isEqualTo(1);
        assertThat(promotion.get("holdoutRows").asInt()).isEqualTo(run.get("metrics").get("holdoutRows").asInt());
        assertThat(promotion.get("incumbent").asDouble()).isGreaterThan(promotion.get("candidate").asDouble());
        assertThat(registry.get("/api/models/penguins/aliases/production").json().get("version").asInt()).isEqualTo(1);
    }

    /**
     * The operational surface every service shares: probes for Kubernetes (open), health on the management port,
     * OpenAPI with its public routes, and every documented route guarded by its rule with the issuer's real tokens.
     */
    private static void assertEveryServicePublishesProbesAndItsOpenApi() {
        Map<Integer, String> publicRoute = Map.of(
                stack.serving, "/v2/models/{model}/infer",
                stack.ingest, "/api/datasets/{dataset}/uploads",
                stack.training, "/api/training-runs",
                stack.registry, "/api/models/{model}/aliases/{alias}",
                stack.dashboard, "/api/overview",
                stack.auth, "/api/api-keys");
        List<String> table = new ArrayList<>();
        publicRoute.forEach((port, route) -> {
            Http http = Http.local(port);
            for (String probe : List.of("/livez", "/readyz")) {
                Http.Response health = http.get(probe);
                assertThat(health.status()).as(port + probe).isEqualTo(200);
                assertThat(health.json().get("status").asString()).as(port + probe).isEqualTo("UP");
            }
            assertThat(Http.local(stack.managementPort(port)).get("/actuator/health").json().get("status").asString())
                    .as(port + " health on the management port").isEqualTo("UP");
            Http.Response publicMetrics = http.get("/actuator/prometheus");
            assertThat(publicMetrics.status()).as(port + ": no metrics on the public port").isNotEqualTo(200);
            assertThat(publicMetrics.body()).doesNotContain("jvm_memory_used_bytes");
            Http.Response docs = http.get("/v3/api-docs");
            assertThat(docs.status()).as(port + " /v3/api-docs").isEqualTo(200);
            assertThat(docs.json().get("openapi").asString()).startsWith("3.");
            assertThat(docs.json().get("paths").has(route)).as(port + " documents " + route).isTrue();
            assertThat(stack.routes(port)).as(port + " routes").anyMatch(r -> r.endsWith(" " + route));
            if (port == stack.serving) {
                // A functional route, outside the annotated mappings listed below.
                assertThat(docs.json().get("paths").path("/api/models/{model}/predict").has("post")).isTrue();
            }
            List<String> undocumented = stack.routes(port).stream()
                    .filter(r -> r.contains(" /api/") || r.contains(" /v2/") || r.contains(" /invocations"))
                    .filter(r -> {
                        String[] methodAndPath = r.split(" ", 2);
                        return !docs.json().path("paths").path(methodAndPath[1])
                                .has(methodAndPath[0].toLowerCase(java.util.Locale.ROOT));
                    }).toList();
            assertThat(undocumented).as(port + " routes missing from /v3/api-docs").isEmpty();
            String service = stack.context(port).getEnvironment().getProperty("spring.application.name");
            RouteWalk.check(port, stack.context(port).getBean(RouteTable.class),
                    role -> role == null ? stack.tokenWithoutRole() : stack.token(role))
                    .forEach(row -> table.add(service + " " + row));
        });
        assertTheDocumentsSayWhatTheRoutesAnswer();
        System.out.println("Route table, each rule proven on the running stack:");
        table.stream().sorted().forEach(row -> System.out.println("  " + row));
        assertThat(table).hasSizeGreaterThan(60);
    }

    /**
     * The OpenAPI documents describe the answers the routes give (201, 202, 204, not 200 everywhere), the bodies they
     * take and their required fields, so a generated client is right.
     */
    private static void assertTheDocumentsSayWhatTheRoutesAnswer() {
        JsonNode ingest = Http.local(stack.ingest).get("/v3/api-docs").json();
        JsonNode upload = ingest.at("/paths/~1api~1datasets~1{dataset}~1uploads/post");
        assertThat(upload.path("responses").has("201")).as(upload.toString()).isTrue();
        assertThat(upload.path("requestBody").path("content").has("text/csv")).isTrue();
        assertThat(upload.path("requestBody").path("content").has("application/x-ndjson")).isTrue();
        JsonNode training = Http.local(stack.training).get("/v3/api-docs").json();
        assertThat(training.at("/paths/~1api~1training-runs/post/responses").has("202")).isTrue();
        assertThat(training.at("/paths/~1api~1training-specs~1{model}/delete/responses").has("204")).isTrue();
        assertThat(training.at("/components/schemas/TrainingSpec/required").toString()).contains("dataset", "type");
        JsonNode registry = Http.local(stack.registry).get("/v3/api-docs").json();
        assertThat(registry.at("/paths/~1api~1models~1{model}~1versions/post/responses").has("201")).isTrue();
        assertThat(registry.at("/paths/~1api~1models~1{model}~1aliases~1{alias}/delete/responses").has("204")).isTrue();
        assertThat(registry.at("/components/schemas/AliasRequest/required").toString()).contains("version");
        JsonNode serving = Http.local(stack.serving).get("/v3/api-docs").json();
        assertThat(serving.at("/paths/~1api~1feedback/post/responses").has("202")).isTrue();
        assertThat(serving.at("/paths/~1api~1models~1{model}~1predict/post/responses/400/content")
                .has("application/problem+json")).isTrue();
        assertThat(serving.at("/paths/~1v2~1health~1live/get/security").isEmpty()).as("probes are open").isTrue();
        JsonNode auth = Http.local(stack.auth).get("/v3/api-docs").json();
        assertThat(auth.at("/info/title").asString()).isEqualTo("Modelway auth-server");
        assertThat(auth.at("/paths/~1api~1api-keys/post/responses").has("201")).isTrue();
    }

    /** After a whole pipeline every metric is live: a query of a name no service exports would stay empty. */
    private static void assertEveryMetricTheDashboardAndAlertsQueryIsExported() throws IOException {
        Map<String, String> scrapes = new TreeMap<>();
        Map.of("serving-api", stack.serving, "ingest-service", stack.ingest, "training-service", stack.training,
                "model-registry", stack.registry, "dashboard", stack.dashboard).forEach((service, port) -> {
                    Http.Response scrape = Http.local(stack.managementPort(port)).get("/actuator/prometheus");
                    assertThat(scrape.status()).as(service).isEqualTo(200);
                    assertThat(scrape.body()).as(service).contains("service=\"" + service + "\"");
                    scrapes.put(service, scrape.body());
                });
        Set<String> exported = scrapes.values().stream().flatMap(String::lines)
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toSet());

        Path observability = DeploymentFilesTests.ROOT.resolve("observability");
        Set<String> queried = new TreeSet<>();
        for (Path dashboard : DeploymentFilesTests.dashboards()) {
            queried.addAll(MetricQueries.fromDashboard(dashboard).metricNames());
        }
        queried.addAll(MetricQueries.fromAlertRules(observability.resolve("prometheus/rules/modelway-alerts.yml"))
                .metricNames());
        assertThat(queried).contains("modelway_predict_seconds_count", "modelway_training_runs_total",
                "modelway_feature_drift", "modelway_live_accuracy",
                "modelway_ingest_rows_total", "modelway_outbox_pending", "modelway_served_model_version");
        assertThat(exported).containsAll(queried);
    }

    private static int registeredIndex(JsonNode version, String file) {
        JsonNode artifacts = version.get("artifacts");
        for (int i = 0; i < artifacts.size(); i++) {
            if (artifacts.get(i).get("file").asString().equals(file)) {
                return i;
            }
        }
        throw new AssertionError("no artifact " + file);
    }
}
