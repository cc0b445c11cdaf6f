package io.modelway.core.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectReader;

/**
 * Request bodies a controller reads itself with a prepared {@link ObjectReader} (on hot paths, where Spring's
 * per-request converter lookup costs more than the parsing), failing as Spring's own reading does: a 400 naming
 * the JSON path of the bad value, or {@code body}.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * A request's whole body: into an array of the announced length when there is one (the body limit has checked
     * it), instead of the 8 KB buffers {@link InputStream#readAllBytes()} starts with for a body of 200 bytes.
     */
    public static byte[] bytes(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        InputStream body = request.getInputStream();
        return length >= 0 && length <= Integer.MAX_VALUE ? body.readNBytes((int) length) : body.readAllBytes();
    }

    public static <T> T read(ObjectReader reader, byte[] body) {
        try {
            return reader.readValue(body);
        } catch (JacksonException e) {
            throw unreadable(e);
        }
    }

    /**
     * The 400 for a body that could not be read, naming the JSON path of the value that failed even when what
     * failed is a value's own parser deeper down (a {@code Duration} that is not one).
     */
    public static ApiException unreadable(Throwable failure) {
        Throwable cause = failure;
        while (!(cause instanceof JacksonException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String field = cause instanceof DatabindException databind ? jsonPath(databind) : "body";
        String detail = cause instanceof JacksonException jackson ? jackson.getOriginalMessage() : cause.getMessage();
        return ApiException.badRequest(field, "Request body is not readable" + (field.equals("body") ? "" : " at " + field)
                + ": " + (detail == null ? "empty or malformed" : firstLine(detail)));
    }

    /** The JSON path of the value that failed, as {@code columns[0].nullable}; "body" for the whole document. */
    static String jsonPath(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
