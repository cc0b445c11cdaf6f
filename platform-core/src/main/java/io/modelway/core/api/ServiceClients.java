package io.modelway.core.api;

import io.modelway.core.security.ServiceTokens;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The typed clients of the services' APIs ({@code RegistryApi}, {@code IngestApi}), all made
 * the same way: this service's own access token on every call, a connect and a read deadline, and the HTTP client
 * metrics of the builder Spring Boot configures ({@code http_client_requests_seconds}, by client and outcome).
 */
public final class ServiceClients {

    /** How long a call may take to connect and to answer. */
    public record Deadlines(Duration connect, Duration read) {

        public static final Deadlines DEFAULT = new Deadlines(Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    private final RestClient.Builder builder;
    private final ServiceTokens tokens;

    public ServiceClients(RestClient.Builder builder, ServiceTokens tokens) {
        this.builder = builder;
        this.tokens = tokens;
    }

    /** A client of {@code api} at {@code baseUrl}, calling as this service. */
    public <T> T create(Class<T> api, String baseUrl, Deadlines deadlines) {
        return create(api, baseUrl, deadlines, tokens::token);
    }

    /** A client of {@code api} at {@code baseUrl}, calling with the tokens {@code token} gives (a caller's own). */
    public <T> T create(Class<T> api, String baseUrl, Deadlines deadlines, Supplier<String> token) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(deadlines.connect()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(deadlines.read());
        RestClient rest = builder.clone().baseUrl(baseUrl).requestFactory(requests)
                .requestInterceptor((request, body, execution) -> {
                    request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + token.get());
                    return execution.execute(request, body);
                })
                .build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build().createClient(api);
    }

    /** The answer, or empty when the service answered 404 (no such model, alias, version). */
    public static <T> Optional<T> unlessNotFound(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
