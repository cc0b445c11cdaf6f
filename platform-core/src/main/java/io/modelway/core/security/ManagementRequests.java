package io.modelway.core.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Requests to the actuator on the management port, which is kept off the public Service (Prometheus scrapes it
 * inside the cluster). They need no credentials there; on the public port the actuator does not answer at all,
 * and if both ports were made one, the actuator would fall under the route table and be closed.
 */
final class ManagementRequests implements RequestMatcher {

    private final Environment environment;

    ManagementRequests(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        String management = environment.getProperty("local.management.port");
        return management != null && !management.equals(environment.getProperty("local.server.port"))
                && Integer.parseInt(management) == request.getLocalPort()
                && request.getRequestURI().startsWith(request.getContextPath() + "/actuator");
    }
}
