package io.modelway.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens of the local stack's demo clients, one per role ({@code demo-viewer} ... {@code demo-admin}), from
 * the issuer's token endpoint with the client-credentials grant: what {@code ./modelway token <role>} prints and
 * what the demo acts with.
 */
final class DemoTokens {

    static final List<String> ROLES = List.of("viewer", "client", "engineer", "ops", "admin");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final StackCredentials credentials;

    DemoTokens(StackCredentials credentials) {
        this.credentials = credentials;
    }

    String token(String role) throws IOException, InterruptedException {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("'" + role + "' is not a role: one of " + String.join(", ", ROLES));
        }
        String basic = Base64.getEncoder().encodeToString(("demo-" + role + ":" + credentials.demoPassword())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(StackLayout.ISSUER + "/oauth2/token"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("The issuer refused demo-" + role + " (" + answer.statusCode() + "): "
                    + answer.body());
        }
        JsonNode tokens = json.readTree(answer.body());
        return tokens.path("access_token").asString();
    }
}
