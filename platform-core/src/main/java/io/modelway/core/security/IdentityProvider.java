package io.modelway.core.security;

import io.modelway.core.json.ModelwayJson;
import java.net.http.HttpClient;
import java.util.Map;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The OpenID Connect issuer as this service reaches it: its discovery document, read on first need and kept
 * (so a service starts while the issuer is still starting, and asks again after a failure), with every endpoint
 * moved onto {@link SecurityProperties#internalUrl()} when one is set.
 */
public class IdentityProvider {

    private final SecurityProperties properties;
    private final RestClient http;
    private volatile JsonNode discovery;

    public IdentityProvider(SecurityProperties properties) {
        this.properties = properties;
        this.http = restClient(properties);
    }

    /** A client whose calls to the issuer keep the configured connect and read deadline. */
    static RestClient restClient(SecurityProperties properties) {
        return RestClient.builder().requestFactory(requests(properties)).build();
    }

    /** Requests to the issuer that connect and answer within the configured deadline. */
    static JdkClientHttpRequestFactory requests(SecurityProperties properties) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.timeout());
        return requests;
    }

    public String issuer() {
        return properties.issuer();
    }

    public String jwksUri() {
        return endpoint("jwks_uri");
    }

    public String tokenUri() {
        return endpoint("token_endpoint");
    }

    /** The discovery document's claims, as the issuer wrote them. */
    public Map<String, Object> configuration() {
        return ModelwayJson.mapper().convertValue(discovery(), Map.class);
    }

    private String endpoint(String name) {
        JsonNode value = discovery().path(name);
        if (!value.isString()) {
            throw new IllegalStateException("The issuer " + properties.issuer() + " publishes no " + name);
        }
        return properties.reachable(value.asString());
    }

    private JsonNode discovery() {
        JsonNode known = discovery;
        if (known == null) {
            String url = properties.reachable(properties.issuer()) + "/.well-known/openid-configuration";
            known = ModelwayJson.mapper().readTree(http.get().uri(url).retrieve().body(String.class));
            if (!properties.issuer().equals(known.path("issuer").asString().replaceAll("/+$", ""))) {
                throw new IllegalStateException("The discovery document at " + url + " names the issuer '"
                        + known.path("issuer").asString() + "', not " + properties.issuer());
            }
            discovery = known;
        }
        return known;
    }
}
