package io.modelway.ingest.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelway.core.schema.ColumnType;
import io.modelway.core.schema.DatasetSchema;
import io.modelway.core.storage.Sha256;
import io.modelway.core.web.ApiException;
import io.modelway.core.web.BodyTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** The rows of a CSV upload are read for its schema while the upload is spooled, not in a pass of their own. */
class FirstReadingTests {

    private static final UploadLimits LIMITS = new UploadLimits(DataSize.ofMegabytes(8), DataSize.ofMegabytes(64), 100, null);
    /** No file is there: a reading that needed a pass over the spooled file would fail. */
    private static final Path NOT_READ = Path.of("/nonexistent/modelway-upload.csv");

    private static byte[] csv(int rows) {
        StringBuilder text = new StringBuilder("mass,species,note\n");
        for (int i = 0; i < rows; i++) {
            text.append(3000 + i % 700).append(',').append(i % 3 == 0 ? "Adelie" : "Gentoo").append(",row ").append(i)
                    .append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void infersTheSchemaWhileTheUploadArrives() {
        byte[] body = csv(5_000);
        FirstReading first = new FirstReading(UploadFormat.CSV, null);
        try (SpooledUpload upload = SpooledUpload.spool(new ByteArrayInputStream(body), false, LIMITS,
                first::whileArriving)) {
            assertThat(upload.size()).isEqualTo(body.length);
            assertThat(upload.sha256()).isEqualTo(Sha256.of(body));
            DatasetSchema schema = first.schema(NOT_READ);
            assertThat(schema.columns()).extracting(c -> c.type())
                    .containsExactly(ColumnType.NUMERIC, ColumnType.CATEGORICAL, ColumnType.TEXT);
            assertThat(schema.columns().get(1).categories()).containsExactly("Adelie", "Gentoo");
            assertThat(first.statistics(NOT_READ)).as("an inferred schema's rules need no statistics").isNull();
        }
    }

    @Test
    void infersTheSchemaOfAGzipUploadFromItsTextWhileItArrives() {
        byte[] text = csv(5_000);
        byte[] body = UploadLimitsTests.gzip(text);
        FirstReading first = new FirstReading(UploadFormat.CSV, null);
        try (SpooledUpload upload = SpooledUpload.spool(new ByteArrayInputStream(body), true, LIMITS,
                first::whileArriving)) {
            assertThat(upload.sha256()).as("the body's digest, as sent").isEqualTo(Sha256.of(body));
            assertThat(upload.text().toFile()).hasSize(text.length);
            assertThat(first.schema(NOT_READ).columns().get(0).type()).isEqualTo(ColumnType.NUMERIC);
        }
    }

    @Test
    void keepsAFailureToReadTheRowsUntilTheSchemaIsAskedForAndSpoolsTheWholeBody() {
        byte[] start = "mass,species\n3750,Adelie\n".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + 3 + 20_000];
        System.arraycopy(start, 0, body, 0, start.length);
        body[start.length] = (byte) 0xC3;
        body[start.length + 1] = (byte) 0x28;
        body[start.length + 2] = '\n';
        java.util.Arrays.fill(body, start.length + 3, body.length, (byte) 'x');
        FirstReading first = new FirstReading(UploadFormat.CSV, null);
        try (SpooledUpload upload = SpooledUpload.spool(new ByteArrayInputStream(body), false, LIMITS,
                first::whileArriving)) {
            assertThat(upload.size()).isEqualTo(body.length);
            assertThat(upload.sha256()).isEqualTo(Sha256.of(body));
            assertThatThrownBy(() -> first.schema(NOT_READ)).isInstanceOf(UnreadableUploadException.class)
                    .hasMessageContaining("not valid UTF-8");
        }
    }

    @Test
    void aBodyCutShortByItsLimitFailsTheSpoolWhateverTheReadingSawOfIt() {
        byte[] rows = csv(50_000);
        InputStream limited = new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position == 100_000) {
                    throw new BodyTooLargeException("The upload", DataSize.ofKilobytes(97), "MODELWAY_INGEST_MAX_UPLOAD_SIZE");
                }
                return rows[position++] & 0xFF;
            }
        };
        FirstReading first = new FirstReading(UploadFormat.CSV, null);
        assertThatThrownBy(() -> SpooledUpload.spool(limited, false, LIMITS, first::whileArriving))
                .isInstanceOf(ApiException.class).hasMessageContaining("MODELWAY_INGEST_MAX_UPLOAD_SIZE")
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
    }
}
