package io.modelway.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The real infrastructure tests run against, started once per test JVM and shared by every Spring
 * context in it: an embedded KRaft Kafka broker, S3Proxy speaking the S3 protocol, PostgreSQL from real binaries,
 * and the {@link TestIssuer} the services trust. Stopped when the JVM exits.
 */
public final class TestInfrastructure {

    private static final TestInfrastructure INSTANCE = new TestInfrastructure();

    private final EmbeddedKafkaKraftBroker kafka;
    private final S3TestServer s3;
    private final EmbeddedPostgres postgres;

    private TestInfrastructure() {
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.brokerProperty("auto.create.topics.enable", "true");
        kafka.afterPropertiesSet();
        s3 = new S3TestServer();
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
        createDatabase("modelway");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "test-infrastructure-stop"));
    }

    public static TestInfrastructure get() {
        return INSTANCE;
    }

    private void createDatabase(String name) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    /**
     * A database of its own on the same server, for a test whose service must not share tables (an outbox,
     * a consumer's buffer) with the other contexts running in the same JVM. Returns its JDBC URL.
     */
    public synchronized String isolatedDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Database names are lower-case identifiers: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
            if (!exists.next()) {
                createDatabase(name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up database " + name, e);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name;
    }

    public String kafkaBrokers() {
        return kafka.getBrokersAsString();
    }

    public String s3Endpoint() {
        return s3.endpoint();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/modelway";
    }

    /** Spring properties that point a Modelway service at this infrastructure; each service keeps its own schema. */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MODELWAY_DB_URL", jdbcUrl());
        p.put("MODELWAY_DB_USER", "postgres");
        p.put("MODELWAY_DB_PASSWORD", "postgres");
        p.put("MODELWAY_KAFKA_BROKERS", kafkaBrokers());
        p.put("MODELWAY_S3_ENDPOINT", s3Endpoint());
        p.put("MODELWAY_S3_ACCESS_KEY", S3TestServer.ACCESS_KEY);
        p.put("MODELWAY_S3_SECRET_KEY", S3TestServer.SECRET_KEY);
        // Every service trusts the shared test issuer and calls the others as its own client (its yml names it).
        p.put("MODELWAY_OIDC_ISSUER", TestIssuer.get().url());
        p.put("MODELWAY_OIDC_CLIENT_SECRET", TestIssuer.CLIENT_SECRET);
        p.put("MANAGEMENT_PORT", "0");
        return p;
    }

    private void stop() {
        s3.close();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafka.destroy();
    }
}
