package io.modelway.ingest.streaming;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Streaming ingestion from {@code modelway.records}: a dataset's window closes into a new version when it
 * holds {@code windowRows} records or its first record is {@code windowTime} old, whichever comes first.
 */
@ConfigurationProperties("modelway.ingest.stream")
public record StreamProperties(Integer windowRows, Duration windowTime, Duration checkInterval, Duration lease) {

    public StreamProperties {
        windowRows = windowRows == null ? 10_000 : windowRows;
        windowTime = windowTime == null ? Duration.ofMinutes(5) : windowTime;
        checkInterval = checkInterval == null ? Duration.ofSeconds(1) : checkInterval;
        lease = lease == null ? Duration.ofMinutes(10) : lease;
    }
}
