package io.modelway.ingest.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.modelway.core.security.Role;
import io.modelway.ingest.uploads.MalformedUpload.Accepted;
import io.modelway.ingest.uploads.MalformedUpload.Handled;
import io.modelway.ingest.uploads.MalformedUpload.Quarantined;
import io.modelway.ingest.uploads.MalformedUpload.Rejected;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Every upload in the malformed corpus gets a clear answer: a 4xx problem+json naming the field, or a
 * version in which every row received is either clean or quarantined with a reason. Never a 500.
 */
@ServiceFlowTest
class MalformedUploadsTests {

    private static final AtomicInteger DATASETS = new AtomicInteger();

    Http http;

    @BeforeEach
    void client(@LocalServerPort int port) {
        http = Http.local(port).as(TestIssuer.tokenOf(Role.ENGINEER));
    }

    static Stream<MalformedUpload> corpus() {
        return MalformedUpload.corpus().stream();
    }

    @Test
    void corpusHoldsOverAHundredCases() {
        assertThat(MalformedUpload.corpus()).hasSizeGreaterThanOrEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void malformedUploadGetsAClearAnswer(MalformedUpload upload) {
        String dataset = "corpus-" + DATASETS.incrementAndGet();
        if (upload.schema() != null) {
            Http.Response declared = http.put("/api/datasets/" + dataset + "/schema", "application/json",
                    upload.schema().getBytes(StandardCharsets.UTF_8));
            assertThat(declared.status()).as(declared.body()).isEqualTo(200);
        }
        Http.Response response = http.post("/api/datasets/" + dataset + "/uploads", upload.contentType(),
                upload.headers(), upload.body());

        assertThat(response.status()).as(response.body()).isLessThan(500);
        if (upload.expect() instanceof Rejected rejected) {
            assertProblem(response, rejected.status(), rejected.field());
        } else if (upload.expect() instanceof Quarantined quarantined) {
            JsonNode version = assertRowsAddUp(response);
            assertThat(version.get("rowsQuarantined").asLong()).isPositive();
            assertThat(version.get("quarantineReasons").has(quarantined.reason()))
                    .as("reasons %s", version.get("quarantineReasons")).isTrue();
            assertQuarantineKeepsEveryRow(dataset, version);
        } else if (upload.expect() instanceof Accepted) {
            JsonNode version = assertRowsAddUp(response);
            assertThat(version.get("rowsQuarantined").asLong()).as(response.body()).isZero();
        } else if (upload.expect() instanceof Handled) {
            if (response.status() >= 400) {
                assertProblem(response, response.status(), "body");
            } else {
                assertRowsAddUp(response);
            }
        }
    }

    static Stream<String> invalidNames() {
        return Stream.of("-leading-dash", "has%20space", "%C3%BCnicode", "x".repeat(101), ".hidden");
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void invalidDatasetNamesAreRejectedNamingTheDataset(String name) {
        Http.Response response = http.post("/api/datasets/" + name + "/uploads", "text/csv",
                "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertProblem(response, 400, "dataset");
    }

    @Test
    void uploadFailingHalfWayIsNotPublishedAndAccountsForTheRowsItRead() {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 50_000; i++) {
            csv.append(i).append(i % 1000 == 0 ? ",\n" : ",x\n");
        }
        byte[] start = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = java.util.Arrays.copyOf(start, start.length + 4);
        System.arraycopy(new byte[] {'1', ',', (byte) 0xFF, '\n'}, 0, body, start.length, 4);

        // Declared, so the upload is read once, by the cleaning pass (an inferred schema would fail before it).
        assertThat(http.put("/api/datasets/half-way/schema", "application/json", """
                {"columns":[{"name":"a","type":"NUMERIC"},
                            {"name":"b","type":"CATEGORICAL","rules":{"missing":"quarantine"}}]}"""
                .getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        Http.Response response = http.post("/api/datasets/half-way/uploads", "text/csv", body);
        assertProblem(response, 400, "body");

        JsonNode failed = http.get("/api/datasets/half-way/versions").json().get(0);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).contains("UTF-8");
        assertThat(failed.get("rowsReceived").asLong()).isGreaterThan(10_000);
        assertThat(failed.get("rowsClean").asLong() + failed.get("rowsQuarantined").asLong())
                .isEqualTo(failed.get("rowsReceived").asLong());
        assertThat(failed.get("rowsQuarantined").asLong()).isPositive();
        assertThat(http.get("/api/datasets/half-way/versions/latest").status()).isEqualTo(404);
        assertThat(http.get("/api/datasets/half-way/versions?status=FAILED").header("X-Total-Count")).isEqualTo("1");
        assertThat(http.get("/api/datasets/half-way/versions?status=PUBLISHED").json()).isEmpty();
        assertProblem(http.get("/api/datasets/half-way/versions?status=DONE"), 400, "status");
        assertProblem(http.get("/api/datasets?limit=0"), 400, "limit");
    }

    @Test
    void invalidSchemaDeclarationNamesTheField() {
        Http.Response unknownType = http.put("/api/datasets/schema-bad/schema", "application/json", """
                {"columns":[{"name":"a","type":"NUMERIC"},{"name":"b","type":"NUMBER"}]}"""
                .getBytes(StandardCharsets.UTF_8));
        assertProblem(unknownType, 400, "columns[1].type");

        Http.Response notAList = http.put("/api/datasets/schema-bad/schema", "application/json",
                "{\"columns\":{\"name\":\"a\"}}".getBytes(StandardCharsets.UTF_8));
        assertProblem(notAList, 400, "columns");

        Http.Response duplicate = http.put("/api/datasets/schema-bad/schema", "application/json", """
                {"columns":[{"name":"a","type":"NUMERIC"},{"name":"a","type":"TEXT"}]}"""
                .getBytes(StandardCharsets.UTF_8));
        assertProblem(duplicate, 400, "columns[1].name");
    }

    private JsonNode assertRowsAddUp(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode version = response.json();
        assertThat(version.get("rowsReceived").asLong()).isPositive();
        assertThat(version.get("rowsClean").asLong() + version.get("rowsQuarantined").asLong())
                .isEqualTo(version.get("rowsReceived").asLong());
        long reasons = 0;
        for (JsonNode count : version.get("quarantineReasons")) {
            reasons += count.asLong();
        }
        assertThat(reasons).isEqualTo(version.get("rowsQuarantined").asLong());
        return version;
    }

    /** The quarantine file holds one line per quarantined row, each with a reason code. */
    private void assertQuarantineKeepsEveryRow(String dataset, JsonNode version) {
        Http.Response quarantine = http.get("/api/datasets/" + dataset + "/versions/" + version.get("version").asInt()
                + "/quarantine");
        assertThat(quarantine.status()).isEqualTo(200);
        List<String> reasons = version.get("quarantineReasons").propertyNames().stream().toList();
        List<List<String>> records = csvRecords(quarantine.body());
        assertThat(records).hasSize((int) version.get("rowsQuarantined").asLong() + 1);
        assertThat(records.subList(1, records.size())).allSatisfy(record -> assertThat(reasons).contains(record.get(1)));
    }

    private static void assertProblem(Http.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("field").asString()).isEqualTo(field);
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    /** Quarantine files are CSV with quoted multi-line fields: read them with the same parser. */
    private static List<List<String>> csvRecords(String csv) {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            return reader.stream().map(CsvRecord::getFields).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
