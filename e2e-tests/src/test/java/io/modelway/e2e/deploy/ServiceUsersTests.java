package io.modelway.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelway.ingest.IngestApplication;
import io.modelway.test.ServiceStarter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The script that gives each service a database user of its own (compose and Kubernetes run it when PostgreSQL
 * initialises its data), run on a real, fresh PostgreSQL: a service migrates and runs as its user, and that user
 * can reach its own schema only.
 */
class ServiceUsersTests {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void eachServiceOwnsItsSchemaAndCannotReachAnotherServicesTables() throws Exception {
        OpsTool.require("psql");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
                sql.execute("create database modelway");
            }
            OpsTool.Result result = OpsTool.run(ROOT, Duration.ofSeconds(60), "env", "PGHOST=127.0.0.1",
                    "PGPORT=" + postgres.getPort(), "PGPASSWORD=postgres", "POSTGRES_USER=postgres",
                    "POSTGRES_DB=modelway", "MODELWAY_DB_PASSWORD_INGEST=ingest-db", "MODELWAY_DB_PASSWORD_TRAINING=training-db",
                    "MODELWAY_DB_PASSWORD_REGISTRY=registry-db", "MODELWAY_DB_PASSWORD_AUTH=auth-db",
                    "sh", "k8s/base/postgres/service-users.sh");
            assertThat(result.exitCode()).as(result.output()).isZero();
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/modelway";

            // ingest-service starts, migrates its schema and serves, as its own user.
            try (ConfigurableApplicationContext ingest = ServiceStarter.start(IngestApplication.class, "ingest-service",
                    Map.of("MODELWAY_DB_URL", url, "MODELWAY_DB_USER", "ingest", "MODELWAY_DB_PASSWORD", "ingest-db"))) {
                assertThat(ingest.isRunning()).isTrue();
            }
            try (Connection registry = DriverManager.getConnection(url, "registry", "registry-db");
                    Statement sql = registry.createStatement()) {
                sql.execute("create table registry.owned_here (id int)");
            }
            try (Connection ingest = DriverManager.getConnection(url, "ingest", "ingest-db");
                    Statement sql = ingest.createStatement()) {
                assertThat(sql.executeQuery("select count(*) from ingest.flyway_schema_history").next()).isTrue();
                assertThatThrownBy(() -> sql.executeQuery("select * from registry.owned_here"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> sql.execute("create table public.anywhere (id int)"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            }
        }
    }
}
