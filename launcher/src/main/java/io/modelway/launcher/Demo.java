package io.modelway.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The penguins pipeline against a running stack, through the services' public APIs only, as people and a client
 * app would: an engineer declares the training spec, uploads the CSV and follows the run; a client app asks for a
 * prediction. Each acts with its own token from the issuer (the demo clients of those roles).
 */
final class Demo {

    private static final String SPEC = """
            {"dataset":"penguins","label":"Species","type":"classifier",
             "params":{"hiddenLayers":[32,16],"epochs":100,"learningRate":0.01,"seed":42},
             "triggers":["new-data"],
             "promote":{"alias":"production","metric":"accuracy","threshold":0.9}}""";
    private static final String GENTOO = """
            {"instances":[{"Island":"Biscoe","Beak Length (mm)":46.1,"Beak Depth (mm)":13.2,
              "Flipper Length (mm)":211,"Body Mass (g)":4500,"Sex":"FEMALE"}]}""";

    private final Path root;
    private final DemoTokens tokens;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private String engineer;
    private String client;

    Demo(Path root, DemoTokens tokens) {
        this.root = root;
        this.tokens = tokens;
    }

    int run(Instant started) throws Exception {
        step("Tokens from the issuer :8084 for demo-engineer and demo-client (./modelway token <role>)");
        engineer = tokens.token("engineer");
        client = tokens.token("client");
        step("PUT  :8082/api/training-specs/penguins");
        send(engineer, "PUT", "http://127.0.0.1:8082/api/training-specs/penguins", "application/json", SPEC.getBytes(), 200);

        step("POST :8081/api/datasets/penguins/uploads  (samples/penguins.csv)");
        HttpResponse<String> upload = send(engineer, "POST", "http://127.0.0.1:8081/api/datasets/penguins/uploads", "text/csv",
                Files.readAllBytes(root.resolve("samples/penguins.csv")), -1);
        JsonNode version = json.readTree(upload.body());
        System.out.printf("     dataset penguins v%d: %d rows received = %d clean + %d quarantined %s%n",
                version.path("version").asInt(), version.path("rowsReceived").asLong(), version.path("rowsClean").asLong(),
                version.path("rowsQuarantined").asLong(), version.path("quarantineReasons"));

        String runId;
        if (upload.statusCode() == 201) {
            step("DatasetVersionCreated on Kafka triggers training (trigger new-data)");
            runId = awaitNewRun(version.path("createdAt").asString());
        } else {
            step("Same bytes as an earlier upload: no new version; starting a manual run");
            HttpResponse<String> run = send(engineer, "POST", "http://127.0.0.1:8082/api/training-runs", "application/json",
                    "{\"model\":\"penguins\"}".getBytes(), 202);
            runId = json.readTree(run.body()).path("runId").asString();
        }
        JsonNode run = followRun(runId);
        if (!"SUCCEEDED".equals(run.path("status").asString())) {
            System.out.println("     run failed: " + run.path("error").asString());
            return 1;
        }
        JsonNode metrics = run.path("metrics");
        System.out.printf("     run %s: accuracy %.3f, macro F1 %.3f on %d test rows (baseline %s: accuracy %.3f),"
                + " best epoch %d -> registered v%d; %s%n", runId, metrics.path("accuracy").asDouble(),
                metrics.path("macroF1").asDouble(), metrics.path("holdoutRows").asInt(),
                metrics.path("baseline").path("model").asString(), metrics.path("baseline").path("accuracy").asDouble(),
                metrics.path("bestEpoch").asInt(), run.path("modelVersion").asInt(),
                run.path("promotion").path("reason").asString());

        step("GET  :8083/api/models/penguins/aliases/production");
        System.out.println("     " + send(engineer, "GET", "http://127.0.0.1:8083/api/models/penguins/aliases/production", null, null,
                200).body());

        step("POST :8080/api/models/penguins/predict");
        HttpResponse<String> prediction = awaitPrediction(run.path("modelVersion").asInt());
        Duration elapsed = Duration.between(started, Instant.now());
        System.out.println("     " + prediction.body());
        System.out.printf("%n[modelway] First prediction %.1f s after ./modelway demo started%n", elapsed.toMillis() / 1000.0);
        return 0;
    }

    private String awaitNewRun(String since) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonNode runs = json.readTree(send(engineer, "GET", "http://127.0.0.1:8082/api/training-runs?model=penguins&limit=5",
                    null, null, 200).body());
            for (JsonNode run : runs) {
                if (run.path("createdAt").asString().compareTo(since) >= 0 && "new-data".equals(run.path("reason").asString())) {
                    return run.path("runId").asString();
                }
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("No training run was triggered within 60 s");
    }

    private JsonNode followRun(String runId) throws Exception {
        int shown = -1;
        while (true) {
            JsonNode run = json.readTree(send(engineer, "GET", "http://127.0.0.1:8082/api/training-runs/" + runId, null, null, 200)
                    .body());
            String status = run.path("status").asString();
            int epoch = run.path("epoch").asInt();
            if (epoch != shown && epoch > 0 && "RUNNING".equals(status)) {
                JsonNode history = run.path("history");
                double loss = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).path("loss").asDouble();
                System.out.printf("     training: epoch %d/%d  loss %.4f%n", epoch, run.path("epochs").asInt(), loss);
                shown = epoch;
            }
            if ("SUCCEEDED".equals(status) || "FAILED".equals(status)) {
                return run;
            }
            Thread.sleep(500);
        }
    }

    private HttpResponse<String> awaitPrediction(int version) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            last = send(client, "POST", "http://127.0.0.1:8080/api/models/penguins/predict", "application/json",
                    GENTOO.getBytes(), -1);
            if (last.statusCode() == 200 && json.readTree(last.body()).path("version").asInt() >= version) {
                return last;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("serving-api did not answer with v" + version + ": " + (last == null ? "" : last.body()));
    }

    private HttpResponse<String> send(String token, String method, String url, String contentType, byte[] body,
            int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (expected > 0 && response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static void step(String text) {
        System.out.println("[demo] " + text);
    }
}
