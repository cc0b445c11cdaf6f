package io.modelway.dashboard.console;

import io.modelway.core.web.ApiException;
import io.modelway.dashboard.overview.DashboardProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The console's way to the other services: {@code /api/console/{service}/api/...} is forwarded to that
 * service's public API unchanged, status, body and paging header included, so the console speaks exactly
 * the API every client speaks. Reads pass; of the writes only the console's own actions do
 * ({@link ConsoleActions}), and they are recorded in the registry's audit log with the actor {@code console}.
 */
@RestController
class ConsoleGateway {

    static final String PREFIX = "/api/console/";
    private static final List<String> PASSED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, "X-Total-Count",
            HttpHeaders.LOCATION);

    private final DashboardProperties properties;
    private final RestClient http;

    ConsoleGateway(DashboardProperties properties, RestClient serviceClient) {
        this.properties = properties;
        this.http = serviceClient;
    }

    @RequestMapping(path = PREFIX + "{service}/api/**",
            method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT})
    ResponseEntity<byte[]> forward(@PathVariable String service, HttpServletRequest request) throws IOException {
        String base = properties.services().get(service);
        if (base == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "service",
                    "No service '" + service + "'; the console reaches " + properties.services().keySet());
        }
        String path = request.getRequestURI().substring(request.getContextPath().length() + PREFIX.length()
                + service.length());
        URI target = URI.create(base + path + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        if (!target.normalize().getRawPath().equals(target.getRawPath()) || path.contains("%2e") || path.contains("%2E")) {
            throw ApiException.badRequest("path", "The path must not contain '.' or '..' segments");
        }
        HttpMethod method = HttpMethod.valueOf(request.getMethod());
        if (!ConsoleActions.allows(service, method, path)) {
            throw new ApiException(HttpStatus.METHOD_NOT_ALLOWED, "path",
                    method + " " + path + " on " + service + " is not a console action");
        }
        try {
            RestClient.RequestBodySpec call = http.method(method).uri(target)
                    .headers(headers -> {
                        headers.set("X-Modelway-Actor", "console");
                        if (request.getContentType() != null) {
                            headers.setContentType(MediaType.parseMediaType(request.getContentType()));
                        }
                    });
            if (method != HttpMethod.GET) {
                call.body(request.getInputStream().readAllBytes());
            }
            return call.exchange((req, response) -> {
                        HttpHeaders passed = new HttpHeaders();
                        PASSED_HEADERS.forEach(name -> {
                            List<String> values = response.getHeaders().get(name);
                            if (values != null) {
                                passed.addAll(name, values);
                            }
                        });
                        return ResponseEntity.status(response.getStatusCode()).headers(passed)
                                .body(response.getBody().readAllBytes());
                    });
        } catch (RestClientException e) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "service", service + " did not answer: " + e.getMessage());
        }
    }
}
