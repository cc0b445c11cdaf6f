package io.modelway.core.api.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A dataset version as the API shows it: counts, object keys and their SHA-256s, what cleaning found per column,
 * and who uploaded it ({@code createdBy}: the caller's user name or client id). {@code source} says where rows
 * other than an upload's came from: for production rows with their true labels, {@code kind: feedback}, the mix,
 * the base version and the count of rows by model version (the prediction ids are in the version's manifest).
 */
public record DatasetVersion(String dataset, int version, String status, UUID uploadId, String contentType,
        String sourceSha256, String dataSha256, long rowsReceived, long rowsClean, long rowsQuarantined,
        Map<String, Long> quarantineReasons, Map<String, ObjectRef> objects, String error, Instant createdAt,
        Instant publishedAt, Map<String, Map<String, Long>> columnReport, String createdBy,
        Map<String, Object> source) {

    public static final String PENDING = "PENDING";
    public static final String PUBLISHED = "PUBLISHED";
    public static final String FAILED = "FAILED";

    /** The same version with the row counts of an upload still in progress. */
    public DatasetVersion withCounts(long received, long clean, long quarantined) {
        return new DatasetVersion(dataset, version, status, uploadId, contentType, sourceSha256, dataSha256, received,
                clean, quarantined, quarantineReasons, objects, error, createdAt, publishedAt, columnReport, createdBy,
                source);
    }

    /** An object of the version: where it is and the SHA-256 of its bytes. */
    public record ObjectRef(String key, String sha256, long size) {
    }
}
