package io.modelway.core.web;

import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * A request body went past its route's limit. An {@link IOException}, so that it leaves every reader as the reason
 * reading stopped; {@link ProblemHandling} answers it, wherever it surfaces, as a 413 naming the limit.
 */
public class BodyTooLargeException extends IOException {

    private final DataSize limit;
    private final String setting;

    public BodyTooLargeException(String what, DataSize limit, String setting) {
        super(what + " is larger than " + limit.toKilobytes() + " KB, the limit" + (setting == null ? ""
                : " (" + setting + ")"));
        this.limit = limit;
        this.setting = setting;
    }

    public DataSize limit() {
        return limit;
    }

    public ApiException toApiException() {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "body", getMessage());
    }

    /** The one somewhere in a chain of causes, if reading stopped because of it. */
    public static Optional<BodyTooLargeException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return Optional.of(tooLarge);
            }
        }
        return Optional.empty();
    }

    public String setting() {
        return setting;
    }
}
