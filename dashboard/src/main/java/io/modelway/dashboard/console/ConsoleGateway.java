package io.modelway.dashboard.console;

import io.modelway.core.web.ApiException;
import io.modelway.dashboard.overview.DashboardProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriUtils;

/**
 * The console's way to the other services: {@code /api/console/{service}/api/...} is forwarded to that
 * service's public API unchanged, status, body and paging header included, so the console speaks exactly
 * the API every client speaks. Only paths under the service's {@code /api/} on its configured address are
 * reached; reads pass, and of the writes only the console's own actions ({@link ConsoleActions}), sent by
 * the console itself (header {@code X-Modelway-Console}, which a page on another site cannot set). Each call
 * carries the caller's own token ({@link CallerTokens}), so the service decides and records who acted.
 */
@RestController
class ConsoleGateway {

    static final String CONSOLE_HEADER = "X-Modelway-Console";
    private static final Pattern ROUTE = Pattern.compile("/api/console/([a-z]+)(/api/[^;\\\\]*)");
    private static final int MAX_REQUEST_BYTES = 2 * 1024 * 1024;
    private static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;
    private static final List<String> PASSED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, "X-Total-Count",
            HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER, HttpHeaders.CONTENT_DISPOSITION);

    private final DashboardProperties properties;
    private final RestClient http;
    private final CallerTokens tokens;

    ConsoleGateway(DashboardProperties properties, RestClient serviceClient, CallerTokens tokens) {
        this.properties = properties;
        this.http = serviceClient;
        this.tokens = tokens;
    }

    @RequestMapping(path = "/api/console/{service}/api/**",
            method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT})
    ResponseEntity<byte[]> forward(HttpServletRequest request, HttpServletResponse servletResponse) throws IOException {
        Matcher route = ROUTE.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (!route.matches()) {
            throw ApiException.badRequest("path", "A console path is /api/console/<service>/api/..., without ';' or '\\'");
        }
        String service = route.group(1);
        String path = route.group(2);
        String base = properties.services().get(service);
        if (base == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "service",
                    "No service '" + service + "'; the console reaches " + properties.services().keySet());
        }
        checkSegments(path);
        URI target = target(base, path, request.getQueryString());
        HttpMethod method = HttpMethod.valueOf(request.getMethod());
        boolean action = method != HttpMethod.GET && method != HttpMethod.HEAD;
        if (action) {
            if (request.getHeader(CONSOLE_HEADER) == null) {
                throw new ApiException(HttpStatus.FORBIDDEN, CONSOLE_HEADER,
                        "Console actions are sent by the console, with the header " + CONSOLE_HEADER);
            }
            if (!ConsoleActions.allows(service, method, path)) {
                throw new ApiException(HttpStatus.METHOD_NOT_ALLOWED, "path",
                        method + " " + path + " on " + service + " is not a console action");
            }
        }
        RestClient.RequestBodySpec call = http.method(method).uri(target)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.of(request, servletResponse));
        if (action) {
            call.contentType(contentType(request)).body(body(request));
        }
        try {
            return call.exchange((req, response) -> {
                byte[] answer = response.getBody().readNBytes(MAX_ANSWER_BYTES + 1);
                if (answer.length > MAX_ANSWER_BYTES) {
                    throw new ApiException(HttpStatus.BAD_GATEWAY, "service", service + " answered more than "
                            + MAX_ANSWER_BYTES / (1024 * 1024) + " MB; read " + path + " from the service itself");
                }
                HttpHeaders passed = new HttpHeaders();
                PASSED_HEADERS.forEach(name -> {
                    List<String> values = response.getHeaders().get(name);
                    if (values != null) {
                        passed.addAll(name, values);
                    }
                });
                return ResponseEntity.status(response.getStatusCode()).headers(passed).body(answer);
            });
        } catch (RestClientException e) {
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
            throw new ApiException(HttpStatus.BAD_GATEWAY, "service", service + " did not answer at " + base + " ("
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()) + ")");
        }
    }

    /** Every segment, decoded, is a plain name: no '.', '..', empty segment or encoded separator. */
    private static void checkSegments(String path) {
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String decoded;
            try {
                decoded = UriUtils.decode(segments[i], StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("path", "The path has a broken percent-encoding: " + e.getMessage());
            }
            boolean last = i == segments.length - 1;
            if (decoded.equals(".") || decoded.equals("..") || (decoded.isEmpty() && !last)
                    || decoded.contains("/") || decoded.contains("\\") || decoded.contains(";")) {
                throw ApiException.badRequest("path", "The path must not contain '.', '..', empty or encoded-separator segments");
            }
        }
    }

    /** The address on the configured service; anything that would reach another host is refused. */
    private static URI target(String base, String path, String query) {
        URI service = URI.create(base);
        URI target;
        try {
            target = URI.create(base + path + (query == null ? "" : "?" + query));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("query", "The query is not a valid URI query: " + e.getMessage());
        }
        if (!service.getScheme().equals(target.getScheme()) || !service.getHost().equals(target.getHost())
                || service.getPort() != target.getPort() || target.getRawUserInfo() != null) {
            throw ApiException.badRequest("path", "The path must stay on the service's own address");
        }
        return target;
    }

    private static MediaType contentType(HttpServletRequest request) {
        if (request.getContentType() == null) {
            return MediaType.APPLICATION_JSON;
        }
        try {
            return MediaType.parseMediaType(request.getContentType());
        } catch (InvalidMediaTypeException e) {
            throw ApiException.badRequest("Content-Type", "'" + request.getContentType() + "' is not a media type");
        }
    }

    private static byte[] body(HttpServletRequest request) throws IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_REQUEST_BYTES + 1);
        if (body.length > MAX_REQUEST_BYTES) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "body",
                    "A console action carries at most " + MAX_REQUEST_BYTES / (1024 * 1024) + " MB");
        }
        return body;
    }
}
