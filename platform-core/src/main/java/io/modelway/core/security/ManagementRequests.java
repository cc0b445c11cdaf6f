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
    /** The management port once it is known and differs from the server's; read from the environment until then. */
    private volatile int managementPort;

    ManagementRequests(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        int port = managementPort > 0 ? managementPort : separateManagementPort();
        return port > 0 && port == request.getLocalPort()
                && request.getRequestURI().startsWith(request.getContextPath() + "/actuator");
    }

    private int separateManagementPort() {
        String management = environment.getProperty("local.management.port");
        if (management == null || management.equals(environment.getProperty("local.server.port"))) {
            return 0;
        }
        managementPort = Integer.parseInt(management);
        return managementPort;
    }
}
