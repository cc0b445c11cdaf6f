package io.modelway.dashboard.overview;

import io.modelway.core.json.ModelwayJson;
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
    private final ExecutorService calls = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "overview-call");
        thread.setDaemon(true);
        return thread;
    });

    OverviewController(DashboardProperties properties, RestClient serviceClient) {
        this.http = serviceClient;
        this.properties = properties;
    }

    @GetMapping("/api/overview")
    Map<String, Object> overview() {
        Map<String, CompletableFuture<Object>> health = new TreeMap<>();
        properties.services().forEach((name, url) -> health.put(name, call(url + "/actuator/health")));
        CompletableFuture<Object> datasets = call(url("ingest") + "/api/datasets");
        CompletableFuture<Object> models = call(url("registry") + "/api/models");
        CompletableFuture<Object> runs = call(url("training") + "/api/training-runs?limit=20");
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

    private CompletableFuture<Object> call(String url) {
        return CompletableFuture.supplyAsync(() -> fetch(url), calls);
    }

    private String url(String service) {
        return properties.services().getOrDefault(service, "");
    }

    private Object fetch(String url) {
        try {
            String body = http.get().uri(url).retrieve().body(String.class);
            return ModelwayJson.mapper().readTree(body);
        } catch (RestClientException e) {
            JsonNode error = ModelwayJson.mapper().createObjectNode().put("status", "DOWN").put("error", e.getMessage());
            return error;
        }
    }
}
