package io.modelway.dashboard.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelway.core.api.ingest.IngestApi;
import io.modelway.core.api.registry.RegistryApi;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.profile.DatasetProfile;
import io.modelway.core.profile.ProfileBuilder;
import io.modelway.test.Await;
import io.modelway.test.Samples;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The drift monitor's profile lookups over HTTP, against a registry and ingest (one local server here) that
 * take their time: the caller, the prediction consumer, never waits for them.
 */
class ReferenceProfilesTests {

    private final CountDownLatch answer = new CountDownLatch(1);
    private final AtomicInteger versionRequests = new AtomicInteger();
    private HttpServer server;
    private ReferenceProfiles profiles;

    private void start() throws IOException {
        List<Map<String, String>> rows = Samples.completeRows("penguins.csv");
        ProfileBuilder builder = new ProfileBuilder(Samples.inferredSchema(rows));
        rows.forEach(row -> builder.observe(List.copyOf(row.values())));
        byte[] profile = ModelwayJson.toBytes(builder.build());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/models/penguins/versions/1", exchange -> {
            versionRequests.incrementAndGet();
            try {
                // A registry that hangs until the test lets it answer.
                answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, """
                    {"model":"penguins","version":1,"dataset":"penguins","datasetVersion":3}"""
                    .getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/api/datasets/penguins/versions/3/profile", exchange -> reply(exchange, profile));
        server.start();
        HttpServiceProxyFactory factory = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(
                RestClient.create("http://127.0.0.1:" + server.getAddress().getPort()))).build();
        profiles = new ReferenceProfiles(factory.createClient(RegistryApi.class), factory.createClient(IngestApi.class));
    }

    private static void reply(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterEach
    void stop() {
        answer.countDown();
        profiles.destroy();
        server.stop(0);
    }

    @Test
    void aHungRegistryNeverHoldsTheCallerAndIsAskedOnceAtATime() throws IOException {
        start();
        long started = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            assertThat(profiles.of("penguins", 1)).isEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        Await.until("the fetch to reach the registry", Duration.ofSeconds(10), versionRequests::get, n -> n == 1);
        assertThat(versionRequests.get()).as("one fetch in flight, however often it is asked").isEqualTo(1);

        answer.countDown();
        Optional<DatasetProfile> fetched = Await.until("the profile", Duration.ofSeconds(10),
                () -> profiles.of("penguins", 1), Optional::isPresent);
        assertThat(fetched.get().columns()).extracting(c -> c.name()).contains("Body Mass (g)", "Island");
        assertThat(profiles.of("penguins", 1)).containsSame(fetched.get());
        assertThat(versionRequests.get()).as("a version's profile is fetched once").isEqualTo(1);
    }
}
