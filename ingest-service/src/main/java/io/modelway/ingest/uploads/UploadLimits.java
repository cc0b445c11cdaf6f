package io.modelway.ingest.uploads;

import io.modelway.core.web.BodyLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How large an upload may be: {@code maxSize} as sent ({@code MODELWAY_INGEST_MAX_UPLOAD_SIZE}),
 * {@code maxDecompressedSize} once a gzip body is decompressed ({@code MODELWAY_INGEST_MAX_DECOMPRESSED_SIZE}), and at
 * most {@code maxCompressionRatio} times its size as sent ({@code MODELWAY_INGEST_MAX_COMPRESSION_RATIO}): a body that
 * decompresses further is a gzip bomb, refused with a 413 before it fills the disk. An upload has at most
 * {@code maxColumns} columns ({@code MODELWAY_INGEST_MAX_COLUMNS}): its schema travels in the event that announces
 * the version, and a wider table is refused with a 400 naming the header.
 */
@ConfigurationProperties("modelway.ingest.uploads")
public record UploadLimits(DataSize maxSize, DataSize maxDecompressedSize, Integer maxCompressionRatio,
        Integer maxColumns) {

    public UploadLimits {
        maxColumns = maxColumns == null ? 1000 : maxColumns;
        maxSize = maxSize == null ? DataSize.ofMegabytes(512) : maxSize;
        maxDecompressedSize = maxDecompressedSize == null ? DataSize.ofGigabytes(2) : maxDecompressedSize;
        maxCompressionRatio = maxCompressionRatio == null ? 100 : maxCompressionRatio;
    }

    /** The route limit the body of an upload is read under. */
    BodyLimits.Route route() {
        return new BodyLimits.Route("/api/datasets/*/uploads", maxSize, "MODELWAY_INGEST_MAX_UPLOAD_SIZE");
    }
}
