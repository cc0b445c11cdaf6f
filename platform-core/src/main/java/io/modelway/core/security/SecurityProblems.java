package io.modelway.core.security;

import io.modelway.core.web.ProblemHandling;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Refusals as problem+json, like every other error of a Modelway service. No or bad credentials: 401 with
 * {@code WWW-Authenticate: Bearer} (and the token error, RFC 6750); the identity provider unreachable: 503, to be
 * retried; a caller without what the route needs: 403 naming the {@code role} it needs.
 */
public final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            response.setHeader("Retry-After", "5");
            ProblemHandling.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Identity provider unavailable",
                    "Credentials cannot be checked now: " + failure.getMessage(), Map.of());
            return;
        }
        bearer.commence(request, response, failure);
        String detail = failure instanceof OAuth2AuthenticationException oauth
                && oauth.getError().getDescription() != null ? oauth.getError().getDescription()
                : "This route needs credentials: a bearer token (Authorization: Bearer ...) or an API key "
                        + "(X-API-Key: mw_...)";
        ProblemHandling.write(request, response, HttpStatus.valueOf(response.getStatus()), "Unauthorized", detail, Map.of());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Map<String, Object> extra = new LinkedHashMap<>();
        String detail = "Access denied";
        if (denied instanceof AuthorizationDeniedException authorization
                && authorization.getAuthorizationResult() instanceof RouteTable.RouteDecision decision) {
            detail = decision.reason();
            if (decision.need() != null) {
                extra.put("role", decision.need().describe());
            }
            if (decision.field() != null) {
                extra.put("field", decision.field());
            }
        }
        ProblemHandling.write(request, response, HttpStatus.FORBIDDEN, "Forbidden", detail, extra);
    }
}
