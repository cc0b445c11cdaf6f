package io.modelway.dashboard.overview;

import io.modelway.core.json.ModelwayJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * One call for the console's first screen: health of every service, datasets, models with their aliases,
 * and recent training runs. A service that does not answer shows as DOWN with the reason, the rest still show.
 */
@RestController
class OverviewController {

    private final DashboardProperties properties;
    private final RestClient http;

    OverviewController(DashboardProperties properties, RestClient serviceClient) {
        this.http = serviceClient;
        this.properties = properties;
    }

    @GetMapping("/api/overview")
    Map<String, Object> overview() {
        Map<String, Object> health = new TreeMap<>();
        properties.services().forEach((name, url) -> health.put(name, fetch(url + "/actuator/health")));
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("services", health);
        overview.put("datasets", fetch(url("ingest") + "/api/datasets"));
        overview.put("models", fetch(url("registry") + "/api/models"));
        overview.put("runs", fetch(url("training") + "/api/training-runs?limit=20"));
        return overview;
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
