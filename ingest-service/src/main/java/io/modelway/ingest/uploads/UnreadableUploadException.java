package io.modelway.ingest.uploads;

import io.modelway.core.web.ApiException;
import org.springframework.http.HttpStatus;

/** The body cannot be parsed in its declared format at all (as opposed to single bad rows). */
class UnreadableUploadException extends ApiException {

    UnreadableUploadException(String detail) {
        super(HttpStatus.BAD_REQUEST, "body", detail);
    }
}
