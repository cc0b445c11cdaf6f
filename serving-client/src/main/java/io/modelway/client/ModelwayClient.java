package io.modelway.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of Modelway's prediction API for Java applications. Thread-safe; create one per server and share it.
 *
 * <pre>{@code
 * ModelwayClient client = ModelwayClient.builder(URI.create("http://serving:8080")).apiKey("mw_...").build();
 * Prediction p = client.predict("penguins", Map.of("Island", "Biscoe", "Beak Length (mm)", 46.1, ...));
 * String species = p.predictions().get(0).label();
 * client.feedback(p.requestId(), "Gentoo");
 * }</pre>
 *
 * A client app authenticates with an API key ({@link Builder#apiKey}) or with tokens of its own client identity
 * ({@link Builder#accessTokens}, for example {@link ClientCredentials}).
 *
 * Calls that fail because the server cannot be reached or is unavailable (502, 503, 504) are retried
 * {@code retries} times with a doubling pause; a refusal (4xx) is thrown at once as a {@link ModelwayException}
 * naming the field.
 */
public final class ModelwayClient {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final int retries;
    private final Duration backoff;
    private final Map<String, String> headers;
    private final Supplier<String> tokens;

    private ModelwayClient(Builder builder) {
        this.base = builder.base;
        this.timeout = builder.timeout;
        this.retries = builder.retries;
        this.backoff = builder.backoff;
        this.headers = Map.copyOf(builder.headers);
        this.tokens = builder.tokens;
        this.http = HttpClient.newBuilder().connectTimeout(builder.connectTimeout).build();
    }

    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /** Predicts one instance with the version the model's served alias points to. */
    public Prediction predict(String model, Map<String, ?> instance) {
        return predict(model, List.of(instance));
    }

    /** Predicts a batch of instances in one request with the version the model's served alias points to. */
    public Prediction predict(String model, List<? extends Map<String, ?>> instances) {
        return call("/api/models/" + segment(model) + "/predict", Map.of("instances", instances), Prediction.class);
    }

    /** Predicts with exactly this version of the model, whatever the aliases say. */
    public Prediction predict(String model, int version, List<? extends Map<String, ?>> instances) {
        return call("/api/models/" + segment(model) + "/versions/" + version + "/predict", Map.of("instances", instances),
                Prediction.class);
    }

    /** Reports the true label of an earlier prediction, by the {@code requestId} of its answer. */
    public FeedbackReceipt feedback(String requestId, Object trueLabel) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put(trueLabel instanceof Number ? "value" : "label", trueLabel);
        return call("/api/feedback", body, FeedbackReceipt.class);
    }

    /** Whether the server is ready to answer (its served models are in step with the registry). */
    public boolean ready() {
        try {
            HttpResponse<String> response = http.send(request("/v2/health/ready").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private <T> T call(String path, Object body, Class<T> type) {
        byte[] json = JSON.writeValueAsBytes(body);
        ModelwayException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                pause(backoff.multipliedBy(1L << Math.min(attempt - 1, 10)));
            }
            try {
                HttpResponse<String> response = http.send(request(path).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return JSON.readValue(response.body(), type);
                }
                last = refusal(response);
            } catch (IOException e) {
                last = new ModelwayException(0, null, "Could not reach " + base + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelwayException(0, null, "Interrupted while calling " + base, e);
            }
            if (!last.isRetryable()) {
                throw last;
            }
        }
        throw last;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Accept", "application/json");
        headers.forEach(request::header);
        if (tokens != null) {
            request.header("Authorization", "Bearer " + tokens.get());
        }
        return request;
    }

    private static ModelwayException refusal(HttpResponse<String> response) {
        String field = null;
        String message = "HTTP " + response.statusCode();
        try {
            JsonNode problem = JSON.readTree(response.body());
            field = problem.path("field").isString() ? problem.get("field").asString() : null;
            if (problem.path("detail").isString()) {
                message = problem.get("detail").asString();
            }
        } catch (JacksonException e) {
            // Not a problem document (a proxy's error page, say): the status alone explains it.
        }
        return new ModelwayException(response.statusCode(), field, message, null);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelwayException(0, null, "Interrupted while waiting to retry", e);
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Settings of a client; the defaults suit a server in the same cluster. */
    public static final class Builder {

        private final URI base;
        private Duration timeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private int retries = 2;
        private Duration backoff = Duration.ofMillis(100);
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Supplier<String> tokens;

        private Builder(URI base) {
            if (base == null) {
                throw new IllegalArgumentException("base URL is required");
            }
            this.base = base;
        }

        /** Longest wait for one response. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Further attempts after a failure that may pass (unreachable, 502, 503, 504), and the first pause. */
        public Builder retries(int retries, Duration backoff) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be 0 or more");
            }
            this.retries = retries;
            this.backoff = backoff;
            return this;
        }

        /** Authenticates every call with an API key ({@code mw_...}) an admin created for this app. */
        public Builder apiKey(String key) {
            if (key == null || !key.startsWith("mw_")) {
                throw new IllegalArgumentException("an API key starts with mw_");
            }
            this.tokens = () -> key;
            return this;
        }

        /** Authenticates every call with a current access token from {@code tokens}, such as {@link ClientCredentials}. */
        public Builder accessTokens(Supplier<String> tokens) {
            this.tokens = tokens;
            return this;
        }

        /** A header sent with every call. */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public ModelwayClient build() {
            return new ModelwayClient(this);
        }
    }
}
