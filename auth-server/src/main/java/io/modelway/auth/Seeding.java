package io.modelway.auth;

import io.modelway.auth.clients.ClientRegistrations;
import io.modelway.auth.issuer.SigningKeys;
import io.modelway.auth.users.UserAccounts;
import io.modelway.core.security.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the issuer needs before it answers: a signing key, the configured clients, a first administrator and, on
 * the local stack, the demo users and clients. Runs once per start, under a PostgreSQL advisory lock, so replicas
 * starting together neither make two first keys nor insert the same client twice.
 */
@Component
class Seeding implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Seeding.class);
    private static final long LOCK = 0x6d77_6175_7468L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SigningKeys keys;
    private final ClientRegistrations clients;
    private final UserAccounts users;
    private final AuthProperties properties;

    Seeding(JdbcClient jdbc, TransactionTemplate transactions, SigningKeys keys, ClientRegistrations clients,
            UserAccounts users, AuthProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.keys = keys;
        this.clients = clients;
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", LOCK).query().singleValue();
            keys.ensureOne();
            List<String> registered = clients.registerConfigured();
            log.info("Registered clients {}", registered);
            if (properties.adminUser() != null && !users.exists(properties.adminUser())) {
                if (properties.adminPassword() == null) {
                    throw new IllegalStateException("MODELWAY_AUTH_ADMIN_USER needs MODELWAY_AUTH_ADMIN_PASSWORD");
                }
                users.create(properties.adminUser(), properties.adminPassword(), List.of(Role.ADMIN), "bootstrap");
                log.info("Created the first administrator '{}'", properties.adminUser());
            }
            if (properties.demo()) {
                Map<String, String> demoClients = new LinkedHashMap<>();
                for (Role role : Role.values()) {
                    users.upsert(role.wire(), properties.demoPassword(), List.of(role), "demo");
                    demoClients.put("demo-" + role.wire(), role.wire());
                }
                clients.registerDemoClients(properties.demoPassword(), demoClients);
                log.info("Demo users {} and clients {} are ready", List.of(Role.values()), demoClients.keySet());
            }
        });
    }
}
