package io.modelway.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.ingest.IngestApplication;
import io.modelway.test.Http;
import io.modelway.test.ServiceStarter;
import io.modelway.test.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real ingest-service training-service reads datasets from, on the shared real infrastructure, started once
 * per test JVM. A test class points training at it with {@link #register(DynamicPropertyRegistry)}.
 */
public final class IngestForTests {

    private static ConfigurableApplicationContext context;

    private IngestForTests() {
    }

    public static synchronized String url() {
        if (context == null) {
            context = ServiceStarter.start(IngestApplication.class, "ingest-service", Map.of());
            ConfigurableApplicationContext started = context;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return "http://127.0.0.1:" + ServiceStarter.port(context);
    }

    /** For {@code @DynamicPropertySource}: training reads datasets from this ingest-service. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("MODELWAY_INGEST_URL", IngestForTests::url);
    }

    /** Uploads a CSV as a new version of {@code dataset} and returns its version number. */
    public static int upload(String dataset, String csv) {
        Http.Response response = Http.local(Integer.parseInt(url().substring(url().lastIndexOf(':') + 1)))
                .as(TestIssuer.tokenOf(Role.ENGINEER))
                .post("/api/datasets/" + dataset + "/uploads", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response.json().get("version").asInt();
    }
}
