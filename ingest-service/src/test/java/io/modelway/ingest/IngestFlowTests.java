package io.modelway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.events.DatasetVersionCreated;
import io.modelway.core.security.Role;
import io.modelway.core.storage.ObjectStore;
import io.modelway.core.storage.Sha256;
import io.modelway.test.EventProbe;
import io.modelway.test.Http;
import io.modelway.test.Samples;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestInfrastructure;
import io.modelway.test.TestIssuer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Uploads through the real HTTP API into a real PostgreSQL, S3 server and Kafka broker. */
@ServiceFlowTest
class IngestFlowTests {

    @Autowired
    ObjectStore store;

    Http http;

    @BeforeEach
    void client(@LocalServerPort int port) {
        http = Http.local(port).as(TestIssuer.tokenOf(Role.ENGINEER));
    }

    @Test
    void penguinsUploadAccountsForEveryRowAndAnnouncesTheVersion() {
        byte[] csv = Samples.bytes("penguins.csv");
        Http.Response response = http.post("/api/datasets/penguins-flow/uploads", "text/csv", csv);

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("rowsReceived").asLong()).isEqualTo(344);
        // Missing measurements and sexes are data for the model's pipeline to impute: every row is kept.
        assertThat(body.get("rowsClean").asLong()).isEqualTo(344);
        assertThat(body.get("rowsQuarantined").asLong()).isEqualTo(0);
        assertThat(body.get("columnReport").get("Sex").get("missing").asLong()).isEqualTo(11);
        assertThat(body.get("columnReport").get("Sex").get("missing as '.'").asLong()).isEqualTo(1);
        assertThat(body.get("columnReport").get("Body Mass (g)").get("missing").asLong()).isEqualTo(2);
        assertThat(body.get("sourceSha256").asString()).isEqualTo(Sha256.of(csv));

        JsonNode objects = body.get("objects");
        for (String name : List.of("raw", "data", "quarantine", "profile", "manifest")) {
            JsonNode ref = objects.get(name);
            assertThat(Sha256.of(store.get(ref.get("key").asString()))).as(name).isEqualTo(ref.get("sha256").asString());
        }
        assertThat(store.get(objects.get("raw").get("key").asString())).isEqualTo(csv);
        String clean = new String(store.get("datasets/penguins-flow/v1/data.csv"), StandardCharsets.UTF_8);
        assertThat(clean.lines()).hasSize(345).first()
                .isEqualTo("Species,Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex");
        assertThat(clean.lines()).as("the '.' is written as the empty value it means")
                .contains("Gentoo,Biscoe,44.5,15.7,217,4875,").noneMatch(line -> line.endsWith(",."));
        String quarantine = http.get("/api/datasets/penguins-flow/versions/1/quarantine").body();
        assertThat(quarantine.lines()).hasSize(1);
        JsonNode sex = http.get("/api/datasets/penguins-flow/versions/1/profile").json().get("columns")
                .valueStream().filter(c -> c.get("name").asString().equals("Sex")).findFirst().orElseThrow();
        assertThat(sex.get("missingValues").valueStream().map(JsonNode::asString)).containsExactly(".");
        assertThat(sex.get("missing").asLong()).isEqualTo(11);

        List<DatasetVersionCreated> events = EventProbe.await(TestInfrastructure.get().kafkaBrokers(),
                "modelway.datasets", DatasetVersionCreated.class, e -> e.dataset().equals("penguins-flow"), 1,
                Duration.ofSeconds(20));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.version()).isEqualTo(1);
            assertThat(e.rowsClean()).isEqualTo(344);
            assertThat(e.dataSha256()).isEqualTo(objects.get("data").get("sha256").asString());
        });
    }

    @Test
    void birdstrikesWithNoSchemaKeepsEveryRowAndReadsNoneAsTheClassItIs() {
        Http.Response response = http.post("/api/datasets/birdstrikes-flow/uploads", "text/csv",
                Map.of("Content-Encoding", "gzip"), Samples.bytes("birdstrikes.csv.gz"));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("rowsReceived").asLong()).isEqualTo(10_000);
        assertThat(response.json().get("rowsClean").asLong()).isEqualTo(10_000);
        JsonNode columns = http.get("/api/datasets/birdstrikes-flow/schema").json().get("columns");
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        columns.forEach(c -> byName.put(c.get("name").asString(), c));
        JsonNode damage = byName.get("Effect Amount of damage");
        assertThat(damage.get("type").asString()).isEqualTo("CATEGORICAL");
        assertThat(damage.get("categories").valueStream().map(JsonNode::asString)).contains("None", "Minor", "Substantial");
        assertThat(damage.get("missingValues")).isEmpty();
        JsonNode aircraft = byName.get("Aircraft Make Model");
        assertThat(aircraft.get("type").asString()).as("225 models that repeat: a wide category").isEqualTo("CATEGORICAL");
        assertThat(aircraft.get("categories").size()).isGreaterThan(100);
        assertThat(byName.get("Speed IAS in knots").get("type").asString()).isEqualTo("NUMERIC");
        assertThat(byName.get("Speed IAS in knots").get("nullable").asBoolean()).isTrue();
        assertThat(byName.get("Flight Date").get("type").asString()).isEqualTo("DATE");
    }

    @Test
    void sameBytesUploadedTwiceKeepOneVersion() {
        byte[] csv = "a,b\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_8);
        assertThat(http.post("/api/datasets/twice/uploads", "text/csv", csv).status()).isEqualTo(201);
        Http.Response again = http.post("/api/datasets/twice/uploads", "text/csv", csv);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("version").asInt()).isEqualTo(1);
        assertThat(http.get("/api/datasets/twice/versions").json()).hasSize(1);
    }

    @Test
    void jsonArrayNdjsonAndGzipUploadsReadTheSameRows() throws Exception {
        String json = "[{\"x\":1,\"k\":\"a\"},{\"x\":2.5,\"k\":\"b\"},{\"x\":null,\"k\":\"c\"},7]";
        JsonNode array = http.post("/api/datasets/json-array/uploads", "application/json",
                json.getBytes(StandardCharsets.UTF_8)).json();
        assertThat(array.get("rowsReceived").asLong()).isEqualTo(4);
        assertThat(array.get("rowsClean").asLong()).isEqualTo(3);
        assertThat(array.get("columnReport").get("x").get("missing").asLong()).isEqualTo(1);
        assertThat(array.get("quarantineReasons").get("unreadable_record").asLong()).isEqualTo(1);

        String ndjson = "{\"x\":1,\"k\":\"a\"}\n{\"x\":2.5,\"k\":\"b\"}\n";
        JsonNode lines = http.post("/api/datasets/json-lines/uploads", "application/x-ndjson",
                ndjson.getBytes(StandardCharsets.UTF_8)).json();
        assertThat(lines.get("rowsClean").asLong()).isEqualTo(2);

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(Samples.bytes("penguins.csv"));
        }
        Http.Response gzip = http.post("/api/datasets/penguins-gz/uploads", "text/csv",
                Map.of("Content-Encoding", "gzip"), gz.toByteArray());
        assertThat(gzip.status()).isEqualTo(201);
        assertThat(gzip.json().get("rowsClean").asLong()).isEqualTo(344);
    }

    @Test
    void badUploadsAreClientErrorsNamingTheProblem() {
        assertProblem(http.post("/api/datasets/bad/uploads", "text/csv", new byte[0]), 400, "body");
        assertProblem(http.post("/api/datasets/bad/uploads", "image/png", "a,b\n1,2\n".getBytes()), 415, "Content-Type");
        assertProblem(http.post("/api/datasets/bad/uploads", null, "a,b\n1,2\n".getBytes()), 415, "Content-Type");
        assertProblem(http.post("/api/datasets/bad/uploads", "text/csv", "a,b\n1,\"unterminated\n".getBytes()), 400,
                "body");
        assertProblem(http.post("/api/datasets/bad/uploads", "text/csv", new byte[] {'a', ',', 'b', '\n', (byte) 0xC3,
                (byte) 0x28, ',', '1', '\n'}), 400, "body");
        assertProblem(http.post("/api/datasets/bad/uploads", "application/json", "{\"a\":".getBytes()), 400, "body");
        assertProblem(http.post("/api/datasets/bad/uploads", "application/json", "[1,2,3]".getBytes()), 400, "body");
        assertProblem(http.post("/api/datasets/bad/uploads", "text/csv", "a,a\n1,2\n".getBytes()), 400, "body");
        assertProblem(http.post("/api/datasets/bad%20name/uploads", "text/csv", "a\n1\n".getBytes()), 400, "dataset");
        assertProblem(http.post("/api/datasets/bad/uploads", "text/csv", "x".getBytes()).status() == 201
                ? http.get("/api/datasets/bad/versions/nope") : http.get("/api/datasets/bad/versions/nope"), 400,
                "version");
        assertThat(http.get("/api/datasets/nothing-here/versions").status()).isEqualTo(404);
    }

    @Test
    void raggedAndNonNumericRowsAreQuarantinedWithTheirReason() {
        String csv = "n,c\n1,a\n2,b,extra\nx,c\n3\n4,d\n";
        JsonNode first = http.post("/api/datasets/ragged/uploads", "text/csv", "n,c\n1,a\n2,b\n".getBytes()).json();
        assertThat(first.get("rowsClean").asLong()).isEqualTo(2);
        JsonNode body = http.post("/api/datasets/ragged/uploads", "text/csv", csv.getBytes()).json();
        assertThat(body.get("version").asInt()).isEqualTo(2);
        assertThat(body.get("rowsReceived").asLong()).isEqualTo(5);
        assertThat(body.get("rowsClean").asLong()).isEqualTo(2);
        assertThat(body.get("quarantineReasons").get("ragged_row").asLong()).isEqualTo(2);
        assertThat(body.get("quarantineReasons").get("not_a_number").asLong()).isEqualTo(1);
        String quarantine = http.get("/api/datasets/ragged/versions/2/quarantine").body();
        assertThat(quarantine).contains("3,ragged_row,,\"expected 2 fields, found 3\",\"2,b,extra\"");
    }

    private static void assertProblem(Http.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asString()).isEqualTo(field);
        assertThat(response.json().get("detail").asString()).isNotBlank();
    }
}
