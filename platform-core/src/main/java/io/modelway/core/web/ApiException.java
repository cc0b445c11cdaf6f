package io.modelway.core.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the service will not carry out, with the HTTP status to answer and, where one field is at
 * fault, its name. Leaves as problem+json through {@link ProblemHandling}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final List<Map<String, String>> errors;

    public ApiException(HttpStatus status, String field, String detail) {
        this(status, field, detail, List.of());
    }

    /** With one entry per problem (each with at least a {@code field} and a {@code message}). */
    public ApiException(HttpStatus status, String field, String detail, List<Map<String, String>> errors) {
        super(detail);
        this.status = status;
        this.field = field;
        this.errors = List.copyOf(errors);
    }

    public static ApiException badRequest(String field, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, field, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, null, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, null, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    public List<Map<String, String>> errors() {
        return errors;
    }
}
