package io.modelway.ingest.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelway.core.security.Role;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestIssuer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A long upload shows its progress while it runs: rows so far on the version, and as a gauge. */
@ServiceFlowTest
class UploadProgressFlowTests {

    private static final int ROWS = 1_500_000;

    @Test
    void largeUploadShowsRowsSoFarInTheApiAndTheGauge(@LocalServerPort int port, @LocalManagementPort int managementPort)
            throws Exception {
        Http http = Http.local(port).as(TestIssuer.tokenOf(Role.ENGINEER));
        Http metrics = Http.local(managementPort);
        byte[] body = gzippedRows();
        CompletableFuture<Http.Response> upload = CompletableFuture.supplyAsync(() -> http.post(
                "/api/datasets/progress-large/uploads", "text/csv", Map.of("Content-Encoding", "gzip"), body));

        List<Long> seen = new ArrayList<>();
        double gauge = 0;
        while (!upload.isDone()) {
            Http.Response versions = http.get("/api/datasets/progress-large/versions");
            if (versions.status() == 200 && !versions.json().isEmpty()) {
                JsonNode version = versions.json().get(0);
                if (version.get("status").asString().equals("PENDING") && version.get("rowsReceived").asLong() > 0) {
                    seen.add(version.get("rowsReceived").asLong());
                    assertThat(version.get("rowsClean").asLong() + version.get("rowsQuarantined").asLong())
                            .isEqualTo(version.get("rowsReceived").asLong());
                }
            }
            gauge = Math.max(gauge, gauge(metrics));
            Thread.sleep(50);
        }

        Http.Response done = upload.get();
        assertThat(done.status()).as(done.body()).isEqualTo(201);
        assertThat(done.json().get("rowsReceived").asLong()).isEqualTo(ROWS);
        assertThat(seen).as("rows so far, seen while the upload ran").isNotEmpty().isSorted()
                .allSatisfy(rows -> assertThat(rows).isBetween(1L, (long) ROWS));
        assertThat(gauge).as("modelway_ingest_rows_in_progress while the upload ran").isPositive();
        assertThat(gauge(metrics)).isZero();
    }

    private static double gauge(Http http) {
        return http.metric("modelway_ingest_rows_in_progress").orElse(0);
    }

    private static byte[] gzippedRows() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write("delay,distance,time\n".getBytes(StandardCharsets.UTF_8));
            StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < ROWS; i++) {
                chunk.append(i % 180).append(',').append(100 + i % 2500).append(',').append(i % 24).append(".5\n");
                if (chunk.length() > 1 << 16) {
                    gzip.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                    chunk.setLength(0);
                }
            }
            gzip.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
