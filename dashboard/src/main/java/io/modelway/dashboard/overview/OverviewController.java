package io.modelway.dashboard.overview;

import io.modelway.core.json.ModelwayJson;
import io.modelway.dashboard.console.CallerTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * One call for the console's first screen: health of every service, datasets, models with their aliases,
 * and recent training runs. A service that does not answer shows as DOWN with the reason, the rest still show.
 * The calls run side by side, so a service that hangs costs one read timeout, not one per call.
 */
@RestController
class OverviewController implements DisposableBean {

    private final DashboardProperties properties;
    private final RestClient http;
    private final CallerTokens tokens;
    private final ExecutorService calls = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "overview-call");
        thread.setDaemon(true);
        return thread;
    });

    OverviewController(DashboardProperties properties, RestClient serviceClient, CallerTokens tokens) {
        this.http = serviceClient;
        this.properties = properties;
        this.tokens = tokens;
    }

    /** Read with the caller's own token: the overview shows what the caller may read. */
    @GetMapping("/api/overview")
    Map<String, Object> overview(HttpServletRequest request, HttpServletResponse response) {
        String token = tokens.of(request, response);
        Map<String, CompletableFuture<Object>> health = new TreeMap<>();
        properties.services().forEach((name, url) -> health.put(name, call(url + "/readyz", null)));
        CompletableFuture<Object> datasets = call(url("ingest") + "/api/datasets", token);
        CompletableFuture<Object> models = call(url("registry") + "/api/models", token);
        CompletableFuture<Object> runs = call(url("training") + "/api/training-runs?limit=20", token);
        Map<String, Object> services = new TreeMap<>();
        health.forEach((name, answer) -> services.put(name, answer.join()));
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("services", services);
        overview.put("datasets", datasets.join());
        overview.put("models", models.join());
        overview.put("runs", runs.join());
        return overview;
    }

    @Override
    public void destroy() {
        calls.shutdownNow();
    }

    private CompletableFuture<Object> call(String url, String token) {
        return CompletableFuture.supplyAsync(() -> fetch(url, token), calls);
    }

    private String url(String service) {
        return properties.services().getOrDefault(service, "");
    }

    private Object fetch(String url, String token) {
        try {
            String body = http.get().uri(url).headers(h -> {
                if (token != null) {
                    h.setBearerAuth(token);
                }
            }).retrieve().body(String.class);
            return ModelwayJson.mapper().readTree(body);
        } catch (RestClientException e) {
            JsonNode error = ModelwayJson.mapper().createObjectNode().put("status", "DOWN").put("error", e.getMessage());
            return error;
        }
    }
}
