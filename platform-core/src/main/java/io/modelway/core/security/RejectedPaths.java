package io.modelway.core.security;

import io.modelway.core.web.ProblemHandling;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request the firewall refuses before any handler runs (a path with an encoded slash or dot segment, {@code ;},
 * {@code //}; a header or parameter with a control character) is answered as every other bad request: a 400
 * problem naming {@code path}, {@code header} or {@code parameter}, not the container's error page.
 */
final class RejectedPaths implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        String message = rejected.getMessage() == null ? "" : rejected.getMessage();
        // The firewall's own text for a header or parameter quotes the value, which may be a credential: not echoed.
        String field = message.contains("because the header") ? "header"
                : message.contains("because the parameter") ? "parameter" : "path";
        String detail = field.equals("path") ? "The path is not accepted: " + message
                : "A " + field + "'s name or value holds a control character or an unassigned code point";
        ProblemHandling.write(request, response, HttpStatus.BAD_REQUEST, "Bad Request", detail, Map.of("field", field));
    }
}
