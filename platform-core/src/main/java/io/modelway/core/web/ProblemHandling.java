package io.modelway.core.web;

import io.modelway.core.features.FeatureEncodingException;
import io.modelway.core.json.ModelwayJson;
import io.modelway.core.models.UnsafeArtifactException;
import io.modelway.core.storage.IntegrityException;
import io.modelway.core.storage.ObjectStoreException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves a Modelway service as RFC 9457 problem+json. Where one field is at fault its name
 * is in the {@code field} property, and a list of problems is in {@code errors}; what the servlet container
 * refuses itself too ({@link ContainerErrors}).
 */
@RestControllerAdvice
@Import({ContainerErrors.class, BodyLimits.class})
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private final Environment environment;

    public ProblemHandling(Environment environment) {
        this.environment = environment;
    }

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(ApiException.class)
    ProblemDetail api(ApiException e) {
        ProblemDetail problem = problem(e.status(), e.getMessage(), e.field());
        if (!e.errors().isEmpty()) {
            problem.setProperty("errors", e.errors());
        }
        return problem;
    }

    @ExceptionHandler(FeatureEncodingException.class)
    ProblemDetail feature(FeatureEncodingException e) {
        return problem(HttpStatus.BAD_REQUEST, e.field() + ": " + e.getMessage(), e.field());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getName() + " has an invalid value '" + e.getValue() + "'", e.getName());
    }

    @ExceptionHandler(IntegrityException.class)
    ProblemDetail integrity(IntegrityException e) {
        log.error("Integrity check failed: {}", e.getMessage());
        ProblemDetail problem = problem(HttpStatus.CONFLICT, e.getMessage(), null);
        problem.setTitle("Artifact integrity check failed");
        return problem;
    }

    @ExceptionHandler(UnsafeArtifactException.class)
    ProblemDetail unsafeArtifact(UnsafeArtifactException e) {
        log.error("Model artifact refused: {}", e.getMessage());
        ProblemDetail problem = problem(HttpStatus.CONFLICT, e.getMessage(), null);
        problem.setTitle("Model artifact refused");
        return problem;
    }

    @ExceptionHandler(ObjectStoreException.class)
    ResponseEntity<ProblemDetail> store(ObjectStoreException e) {
        log.warn("Object store unavailable: {}", e.getMessage());
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "The object store is unavailable; retry later", null);
        problem.setTitle("Object store unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    /** The database could not be reached, or did not answer in time: nothing was changed, the caller may retry. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> database(RuntimeException e) {
        log.warn("Database unavailable: {}", e.getMessage());
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable; retry later", null);
        problem.setTitle("Database unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    /** A service this request needed did not answer in time, or not at all: the caller may retry. */
    @ExceptionHandler(ResourceAccessException.class)
    ResponseEntity<ProblemDetail> unreachable(ResourceAccessException e) {
        log.warn("A service this request needs is unreachable: {}", e.getMessage());
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE,
                "A service this request needs is unreachable; retry later", null);
        problem.setTitle("Dependency unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    /** A service this request needed answered with an error of its own. */
    @ExceptionHandler(RestClientResponseException.class)
    ProblemDetail dependencyFailed(RestClientResponseException e) {
        log.warn("A service this request needs answered {}: {}", e.getStatusCode(), e.getMessage());
        ProblemDetail problem = problem(HttpStatus.BAD_GATEWAY, "A service this request needs answered "
                + e.getStatusCode().value() + "; retry later", null);
        problem.setTitle("Dependency failed");
        return problem;
    }

    /** A body past its route's limit, when a handler read it itself. */
    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                .body(problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), "body"));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        DataSize perFile = environment.getProperty("spring.servlet.multipart.max-file-size", DataSize.class,
                DataSize.ofMegabytes(1));
        DataSize perRequest = environment.getProperty("spring.servlet.multipart.max-request-size", DataSize.class,
                DataSize.ofMegabytes(10));
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                .body(problem(HttpStatus.CONTENT_TOO_LARGE, "The upload is larger than its limits: "
                        + perFile.toKilobytes() + " KB per file, " + perRequest.toKilobytes() + " KB in all", "body"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Optional<BodyTooLargeException> tooLarge = BodyTooLargeException.in(ex);
        if (tooLarge.isPresent()) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                    .body(problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.get().getMessage(), "body"));
        }
        ApiException unreadable = JsonBodies.unreadable(ex);
        return ResponseEntity.badRequest().body(problem(unreadable.status(), unreadable.getMessage(), unreadable.field()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST,
                errors.isEmpty() ? "Invalid request" : errors.get(0).get("field") + " " + errors.get(0).get("message"),
                errors.isEmpty() ? null : errors.get(0).get("field"));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * Answers a problem+json document, as {@code ProblemDetail} would be written, from a filter: before any handler
     * runs, where this advice cannot.
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
            String detail, Map<String, Object> extra) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.putAll(extra);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(ModelwayJson.toBytes(problem));
    }

    public static ProblemDetail problem(HttpStatus status, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}
