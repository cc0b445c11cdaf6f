package io.modelway.auth;

import io.modelway.test.ServiceStarter;
import io.modelway.test.TestInfrastructure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The issuer on a port chosen before it starts (its address is its issuer URL), with the test's clients and demo users. */
final class IssuerStarter {

    static final String DEMO_PASSWORD = "demo-password-for-tests";
    static final String TRAINING_SECRET = "training-secret-for-tests";
    static final String DASHBOARD_SECRET = "dashboard-secret-for-tests";
    static final String CONSOLE = "http://127.0.0.1:18090";

    private IssuerStarter() {
    }

    /** An issuer on {@code port} over the database {@code database}. */
    static ConfigurableApplicationContext start(int port, String database) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("PORT", Integer.toString(port));
        properties.put("MODELWAY_OIDC_ISSUER", "http://127.0.0.1:" + port);
        properties.put("MODELWAY_DB_URL", TestInfrastructure.get().isolatedDatabase(database));
        properties.put("MODELWAY_AUTH_DEMO", "true");
        properties.put("MODELWAY_AUTH_DEMO_PASSWORD", DEMO_PASSWORD);
        properties.put("MODELWAY_TRAINING_CLIENT_SECRET", TRAINING_SECRET);
        properties.put("MODELWAY_DASHBOARD_CLIENT_SECRET", DASHBOARD_SECRET);
        properties.put("MODELWAY_CONSOLE_URL", CONSOLE);
        return ServiceStarter.start(AuthServerApplication.class, "auth-server", properties);
    }
}
