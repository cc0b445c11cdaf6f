package io.modelway.ingest.streaming;

import io.modelway.core.web.ApiException;
import io.modelway.ingest.uploads.IngestionService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes due windows into dataset versions: the window's records become an NDJSON upload that goes
 * through the same cleaning, storage and announcement as any upload, and leave the buffer in the
 * transaction that publishes the version. A lease in the database keeps two replicas from closing the
 * same window.
 */
@Component
class WindowCloser {

    private static final Logger log = LoggerFactory.getLogger(WindowCloser.class);
    /** Who a version closed from modelway.records is recorded as made by: the topic, not a person. */
    static final String STREAM_ACTOR = "stream:modelway.records";

    private final StreamBuffer buffer;
    private final IngestionService ingestion;
    private final StreamProperties properties;

    WindowCloser(StreamBuffer buffer, IngestionService ingestion, StreamProperties properties) {
        this.buffer = buffer;
        this.ingestion = ingestion;
        this.properties = properties;
    }

    @Scheduled(cron = "0 17 * * * *")
    void pruneClosedRecords() {
        buffer.prune(Duration.ofDays(7));
    }

    @Scheduled(fixedDelayString = "${modelway.ingest.stream.check-interval:1s}")
    void closeDueWindows() {
        for (String dataset : buffer.due(properties.windowRows(), properties.windowTime())) {
            if (buffer.lease(dataset, properties.lease())) {
                close(dataset);
            }
        }
    }

    private void close(String dataset) {
        Path spool = null;
        try {
            spool = Files.createTempFile("modelway-window-", ".ndjson");
            OptionalLong last;
            try (Writer out = Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
                last = buffer.write(dataset, properties.windowRows(), out);
            }
            if (last.isEmpty()) {
                buffer.release(dataset);
                return;
            }
            long through = last.getAsLong();
            try (InputStream body = Files.newInputStream(spool)) {
                IngestionService.Outcome outcome = ingestion.ingest(dataset, "application/x-ndjson", false, body,
                        STREAM_ACTOR, () -> buffer.closeThrough(dataset, through));
                if (!outcome.created()) {
                    // The same records were published before (the window was closed, then redelivered whole).
                    buffer.closeThrough(dataset, through);
                }
                log.info("Window of {} closed into v{} ({} rows)", dataset, outcome.version().version(),
                        outcome.version().rowsReceived());
            }
        } catch (ApiException e) {
            // The records themselves are at fault (they break the declared schema): the failed version and the
            // raw object keep them; holding them would block every later window of the dataset.
            log.warn("Window of {} could not become a version: {}", dataset, e.getMessage());
            buffer.closeAll(dataset);
        } catch (IOException e) {
            buffer.release(dataset);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            log.warn("Window of {} will be retried: {}", dataset, e.toString());
            buffer.release(dataset);
        } finally {
            if (spool != null) {
                spool.toFile().delete();
            }
        }
    }
}
