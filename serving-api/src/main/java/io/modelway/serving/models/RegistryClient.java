package io.modelway.serving.models;

import io.modelway.core.json.ModelwayJson;
import io.modelway.serving.ServingProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Reads model versions, aliases and artifacts from model-registry's published API. */
@Component
class RegistryClient {

    private static final int PAGE = 500;

    private final RestClient http;

    RegistryClient(ServingProperties properties) {
        this.http = RestClient.builder().baseUrl(properties.registryUrl())
                .requestFactory(new JdkClientHttpRequestFactory()).build();
    }

    /** Every model with its aliases and tags, page by page. */
    List<RegisteredModel> models() {
        List<RegisteredModel> models = new ArrayList<>();
        int page;
        do {
            JsonNode list = ModelwayJson.mapper().readTree(http.get()
                    .uri("/api/models?limit={l}&offset={o}", PAGE, models.size()).retrieve().body(String.class));
            page = list.size();
            list.forEach(m -> models.add(RegisteredModel.from(m)));
        } while (page == PAGE);
        return models;
    }

    /** One model with its aliases and tags; empty when the registry does not know it. */
    Optional<RegisteredModel> model(String model) {
        try {
            return Optional.of(RegisteredModel.from(ModelwayJson.mapper().readTree(
                    http.get().uri("/api/models/{m}", model).retrieve().body(String.class))));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    Optional<Integer> alias(String model, String alias) {
        try {
            String body = http.get().uri("/api/models/{m}/aliases/{a}", model, alias).retrieve().body(String.class);
            return Optional.of(ModelwayJson.mapper().readTree(body).path("version").asInt());
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    JsonNode version(String model, int version) {
        return ModelwayJson.mapper().readTree(
                http.get().uri("/api/models/{m}/versions/{v}", model, version).retrieve().body(String.class));
    }

    byte[] artifact(String model, int version, String file) {
        return http.get().uri("/api/models/{m}/versions/{v}/artifacts/{f}", model, version, file).retrieve()
                .body(byte[].class);
    }
}
