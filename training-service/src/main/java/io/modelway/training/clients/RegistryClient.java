package io.modelway.training.clients;

import io.modelway.core.json.ModelwayJson;
import io.modelway.training.TrainingProperties;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/** Talks to model-registry over its published API: register versions, read and move aliases. */
@Component
public class RegistryClient {

    private static final String ACTOR = "training-service";

    private final RestClient http;

    RegistryClient(TrainingProperties properties) {
        this.http = RestClient.builder().baseUrl(properties.registryUrl())
                .requestFactory(new JdkClientHttpRequestFactory()).build();
    }

    /** Registers a version and returns its number. */
    public int register(String model, Map<String, Object> metadata, Map<String, byte[]> files) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("metadata", ModelwayJson.toText(metadata), MediaType.APPLICATION_JSON);
        files.forEach((name, bytes) -> parts.part(name, new ByteArrayResource(bytes))
                .filename(name).contentType(MediaType.APPLICATION_OCTET_STREAM));
        String body = http.post().uri("/api/models/{m}/versions", model).header("X-Modelway-Actor", ACTOR)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(parts.build()).retrieve().body(String.class);
        return ModelwayJson.mapper().readTree(body).path("version").asInt();
    }

    /** The version an alias points to, if it exists. */
    public Optional<Integer> alias(String model, String alias) {
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

    /** An artifact's bytes; the registry checks their SHA-256 before it answers. */
    public byte[] artifact(String model, int version, String file) {
        return http.get().uri("/api/models/{m}/versions/{v}/artifacts/{f}", model, version, file)
                .header("X-Modelway-Actor", ACTOR).retrieve().body(byte[].class);
    }

    public void moveAlias(String model, String alias, int version) {
        http.put().uri("/api/models/{m}/aliases/{a}", model, alias).header("X-Modelway-Actor", ACTOR)
                .contentType(MediaType.APPLICATION_JSON).body(ModelwayJson.toText(Map.of("version", version)))
                .retrieve().toBodilessEntity();
    }
}
