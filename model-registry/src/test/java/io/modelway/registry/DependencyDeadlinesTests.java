package io.modelway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelway.core.storage.ObjectStore;
import io.modelway.core.storage.ObjectStoreException;
import io.modelway.core.storage.StorageProperties;
import io.modelway.test.FaultyLink;
import io.modelway.test.ServiceStarter;
import io.modelway.test.TestInfrastructure;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The object store and the database each reached through a link that accepts connections and never answers: the
 * call fails at its deadline with a clear error, it does not hold its thread for ever.
 */
class DependencyDeadlinesTests {

    private final Map<String, String> infrastructure = TestInfrastructure.get().properties();

    @Test
    void anObjectStoreThatNeverAnswersFailsTheCallAtItsReadDeadline() {
        URI s3 = URI.create(infrastructure.get("MODELWAY_S3_ENDPOINT"));
        try (FaultyLink link = FaultyLink.to(s3.getPort(), FaultyLink.Mode.HANG)) {
            ObjectStore store = new ObjectStore(new StorageProperties("http://127.0.0.1:" + link.port(),
                    infrastructure.get("MODELWAY_S3_ACCESS_KEY"), infrastructure.get("MODELWAY_S3_SECRET_KEY"),
                    infrastructure.get("MODELWAY_S3_BUCKET"), null, Duration.ofSeconds(1), Duration.ofSeconds(1)));
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.put("deadlines/second", new byte[] {2}, "application/octet-stream"))
                    .isInstanceOf(ObjectStoreException.class).hasMessageContaining("deadlines/second")
                    .satisfies(e -> assertThat(causes(e)).as("a timeout among the causes")
                            .anyMatch(c -> c instanceof InterruptedIOException));
            double failedAfter = (System.nanoTime() - start) / 1e9;
            assertThat(failedAfter).isBetween(0.9, 5.0);
            System.out.printf("Object store hung: the put failed after %.1f s%n", failedAfter);
        }
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }

    @Test
    void aDatabaseThatNeverAnswersFailsTheStartAtItsLoginDeadline() {
        URI db = URI.create(infrastructure.get("MODELWAY_DB_URL").substring("jdbc:".length()));
        try (FaultyLink link = FaultyLink.to(db.getPort(), FaultyLink.Mode.HANG)) {
            String url = infrastructure.get("MODELWAY_DB_URL").replace(":" + db.getPort() + "/", ":" + link.port() + "/");
            long start = System.nanoTime();
            assertThatThrownBy(() -> ServiceStarter.start(RegistryApplication.class, "model-registry", Map.of(
                    "MODELWAY_DB_URL", url, "MODELWAY_DB_CONNECT_TIMEOUT", "2")).close())
                    .hasStackTraceContaining("timed out");
            double failedAfter = (System.nanoTime() - start) / 1e9;
            assertThat(failedAfter).isLessThan(20.0);
            System.out.printf("Database hung: the registry's start failed after %.1f s%n", failedAfter);
        }
    }
}
