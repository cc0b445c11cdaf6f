package io.modelway.core.security;

import io.modelway.core.json.ModelwayJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Bad Request");
        problem.put("status", 400);
        problem.put("detail", "The path is not accepted: " + rejected.getMessage());
        problem.put("field", "path");
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(ModelwayJson.toBytes(problem));
    }
}
