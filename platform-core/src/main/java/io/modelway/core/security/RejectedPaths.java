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
 * A path the firewall refuses before any handler runs (an encoded slash or dot segment, {@code ;}, {@code //}) is
 * answered as every other bad request: a 400 problem naming {@code path}, not the container's error page.
 */
final class RejectedPaths implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        ProblemHandling.write(request, response, HttpStatus.BAD_REQUEST, "Bad Request",
                "The path is not accepted: " + rejected.getMessage(), Map.of("field", "path"));
    }
}
