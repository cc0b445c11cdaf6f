package io.modelway.ingest.uploads;

import io.modelway.core.web.ApiException;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/** The body formats an upload may have, by Content-Type. */
enum UploadFormat {
    CSV("text/csv"), JSON("application/json"), NDJSON("application/x-ndjson");

    private final String mediaType;

    UploadFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    static UploadFormat fromContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
                    "Content-Type is required: text/csv, application/json or application/x-ndjson");
        }
        String base = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (UploadFormat format : values()) {
            if (format.mediaType.equals(base)) {
                return format;
            }
        }
        if (base.equals("application/ndjson") || base.equals("application/jsonl")) {
            return NDJSON;
        }
        throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type", "Content-Type '" + contentType
                + "' is not supported: use text/csv, application/json or application/x-ndjson");
    }
}
