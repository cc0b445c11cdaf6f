package io.modelway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelway.core.events.FeedbackReceived;
import io.modelway.core.security.Role;
import io.modelway.core.storage.Sha256;
import io.modelway.serving.ServingStack;
import io.modelway.serving.TestModels;
import io.modelway.test.EventProbe;
import io.modelway.test.TestInfrastructure;
import io.modelway.test.TestIssuer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against the real serving-api, with a real registry, broker and store behind it. */
class ModelwayClientTests {

    static ServingStack stack;
    static TestModels.Artifacts v1;
    static ModelwayClient client;

    @BeforeAll
    static void serve() {
        stack = ServingStack.get();
        v1 = TestModels.penguinsClassifier(31, 80, 16);
        stack.register("client", v1);
        stack.register("client", TestModels.penguinsClassifier(32, 20, 8));
        stack.alias("client", "production", 1);
        stack.awaitServed("client", 1);
        client = ModelwayClient.builder(serving())
                .apiKey(TestIssuer.get().apiKey("client-tests", List.of(Role.CLIENT), List.of())).build();
    }

    private static URI serving() {
        return URI.create("http://127.0.0.1:" + ServingStack.port(stack.servingContext));
    }

    private static Map<String, Object> adelie() {
        Map<String, Object> adelie = new LinkedHashMap<>();
        adelie.put("Island", "Torgersen");
        adelie.put("Beak Length (mm)", 39.1);
        adelie.put("Beak Depth (mm)", 18.7);
        adelie.put("Flipper Length (mm)", 181);
        adelie.put("Body Mass (g)", 3750);
        adelie.put("Sex", "MALE");
        return adelie;
    }

    @Test
    void predictsWithProvenance() {
        Prediction prediction = client.predict("client", ServingStack.gentoo());

        assertThat(prediction.model()).isEqualTo("client");
        assertThat(prediction.version()).isEqualTo(1);
        assertThat(prediction.modelSha256()).isEqualTo(Sha256.of(v1.modelZip()));
        assertThat(prediction.datasetVersion()).isEqualTo(7);
        assertThat(prediction.servedAs()).isEqualTo("primary");
        Result result = prediction.predictions().get(0);
        assertThat(result.label()).isEqualTo("Gentoo");
        assertThat(result.probabilities()).containsOnlyKeys("Adelie", "Chinstrap", "Gentoo");
        assertThat(result.value()).isNull();
    }

    @Test
    void predictsABatchInOrderAndWithAChosenVersion() {
        Prediction batch = client.predict("client", List.of(ServingStack.gentoo(), adelie()));
        Prediction second = client.predict("client", 2, List.of(adelie()));

        assertThat(batch.predictions()).extracting(Result::label).containsExactly("Gentoo", "Adelie");
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.servedAs()).isEqualTo("explicit");
    }

    @Test
    void feedbackReachesKafka() {
        Prediction prediction = client.predict("client", ServingStack.gentoo());

        FeedbackReceipt receipt = client.feedback(prediction.requestId(), "Gentoo");

        assertThat(receipt.model()).isEqualTo("client");
        assertThat(EventProbe.await(TestInfrastructure.get().kafkaBrokers(), "modelway.feedback", FeedbackReceived.class,
                e -> e.requestId().equals(prediction.requestId()), 1, Duration.ofSeconds(20)))
                .singleElement().satisfies(e -> assertThat(e.trueLabel()).isEqualTo("Gentoo"));
    }

    @Test
    void aRefusalNamesTheFieldAndIsNotRetried() {
        Map<String, Object> atlantis = new LinkedHashMap<>(ServingStack.gentoo());
        atlantis.put("Island", "Atlantis");

        assertThatThrownBy(() -> client.predict("client", atlantis)).isInstanceOfSatisfying(ModelwayException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.field()).isEqualTo("instances[0].Island");
            assertThat(e.getMessage()).contains("Atlantis");
            assertThat(e.isRetryable()).isFalse();
        });
        assertThatThrownBy(() -> client.predict("nobody", ServingStack.gentoo()))
                .isInstanceOfSatisfying(ModelwayException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> client.feedback(client.predict("client", ServingStack.gentoo()).requestId(), "Emperor"))
                .isInstanceOfSatisfying(ModelwayException.class, e -> assertThat(e.field()).isEqualTo("label"));
    }

    @Test
    void authenticatesWithTheAppsOwnClientCredentials() {
        TestIssuer.get().client("shop-app", Role.CLIENT);
        ModelwayClient app = ModelwayClient.builder(serving()).accessTokens(ClientCredentials.fromIssuer(
                URI.create(TestIssuer.get().url()), "shop-app", TestIssuer.CLIENT_SECRET)).build();
        assertThat(app.predict("client", ServingStack.gentoo()).predictions().get(0).label()).isEqualTo("Gentoo");

        assertThatThrownBy(() -> ModelwayClient.builder(serving()).accessTokens(ClientCredentials.fromIssuer(
                URI.create(TestIssuer.get().url()), "shop-app", "wrong")).build().predict("client", ServingStack.gentoo()))
                .isInstanceOfSatisfying(ModelwayException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void anAnonymousOrOutOfScopeCallIsRefusedAndNotRetried() {
        ModelwayClient anonymous = ModelwayClient.builder(serving()).retries(2, Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> anonymous.predict("client", ServingStack.gentoo()))
                .isInstanceOfSatisfying(ModelwayException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.isRetryable()).isFalse();
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        ModelwayClient otherModel = ModelwayClient.builder(serving())
                .apiKey(TestIssuer.get().apiKey("other", List.of(Role.CLIENT), List.of("someone-else"))).build();
        assertThatThrownBy(() -> otherModel.predict("client", ServingStack.gentoo()))
                .isInstanceOfSatisfying(ModelwayException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.field()).isEqualTo("model");
                });
    }

    @Test
    void anUnreachableServerIsRetriedWithBackoffThenReported() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ModelwayClient nowhere = ModelwayClient.builder(URI.create("http://127.0.0.1:" + closedPort))
                .retries(2, Duration.ofMillis(100)).build();

        long start = System.nanoTime();
        assertThatThrownBy(() -> nowhere.predict("client", ServingStack.gentoo()))
                .isInstanceOfSatisfying(ModelwayException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.isRetryable()).isTrue();
                });
        // Pauses of 100 ms and 200 ms before the two retries.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(nowhere.ready()).isFalse();
        assertThat(client.ready()).isTrue();
    }
}
