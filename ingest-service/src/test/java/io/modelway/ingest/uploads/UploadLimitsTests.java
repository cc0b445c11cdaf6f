package io.modelway.ingest.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelway.core.security.Role;
import io.modelway.core.web.ApiException;
import io.modelway.test.Http;
import io.modelway.test.ServiceFlowTest;
import io.modelway.test.TestIssuer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * An upload is bounded as sent, once decompressed, and by how far it decompresses: past any limit it is a 413
 * problem naming the limit, before anything is stored or a version is reserved.
 */
@ServiceFlowTest(properties = "MODELWAY_INGEST_MAX_UPLOAD_SIZE=64KB")
class UploadLimitsTests {

    Http http;

    @BeforeEach
    void client(@LocalServerPort int port) {
        http = Http.local(port).as(TestIssuer.tokenOf(Role.ENGINEER));
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] csvOf(int bytes) {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; csv.length() < bytes; i++) {
            csv.append(i).append(",x").append(i % 7).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anUploadPastItsLimitsIsA413NamingTheLimitAndLeavesNoVersion() {
        byte[] large = csvOf(100_000);
        for (Http.Response response : new Http.Response[] {
                http.post("/api/datasets/too-large/uploads", "text/csv", large),
                http.postChunked("/api/datasets/too-large/uploads", "text/csv", large)}) {
            assertThat(response.status()).as(response.body()).isEqualTo(413);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("field").asString()).isEqualTo("body");
            assertThat(response.json().get("detail").asString()).contains("64 KB", "MODELWAY_INGEST_MAX_UPLOAD_SIZE");
        }

        // 20 MB of one repeated line, gzipped to a few KB: a bomb, not data.
        byte[] bomb = gzip(("a,b\n" + "0,0\n".repeat(5_000_000)).getBytes(StandardCharsets.UTF_8));
        assertThat(bomb.length).isLessThan(64 * 1024);
        Http.Response exploded = http.post("/api/datasets/too-large/uploads", "text/csv",
                Map.of("Content-Encoding", "gzip"), bomb);
        assertThat(exploded.status()).as(exploded.body()).isEqualTo(413);
        assertThat(exploded.json().get("detail").asString()).contains("100 times", "gzip bomb");

        assertThat(http.get("/api/datasets/too-large/versions").status()).as("no version was reserved").isEqualTo(404);
        assertThat(http.post("/api/datasets/too-large/uploads", "text/csv", csvOf(10_000)).status()).isEqualTo(201);
    }

    @Test
    void decompressionStopsAtTheDecompressedSizeOrTheRatioWhicheverComesFirst() {
        byte[] zeros = gzip(new byte[2_000_000]);
        UploadLimits byRatio = new UploadLimits(DataSize.ofMegabytes(1), DataSize.ofGigabytes(1), 100, null);
        assertThatThrownBy(() -> SpooledUpload.spool(new ByteArrayInputStream(zeros), true, byRatio))
                .isInstanceOf(ApiException.class).hasMessageContaining("MODELWAY_INGEST_MAX_COMPRESSION_RATIO")
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
        UploadLimits bySize = new UploadLimits(DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), 10_000, null);
        assertThatThrownBy(() -> SpooledUpload.spool(new ByteArrayInputStream(zeros), true, bySize))
                .isInstanceOf(ApiException.class).hasMessageContaining("MODELWAY_INGEST_MAX_DECOMPRESSED_SIZE");
        UploadLimits roomy = new UploadLimits(DataSize.ofMegabytes(1), DataSize.ofMegabytes(4), 10_000, null);
        try (SpooledUpload upload = SpooledUpload.spool(new ByteArrayInputStream(zeros), true, roomy)) {
            assertThat(upload.text().toFile()).hasSize(2_000_000);
        }
    }
}
