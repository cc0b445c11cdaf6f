package io.modelway.client;

/**
 * The server refused a call: {@code status} is its HTTP status, {@code field} the input it blames (for example
 * {@code instances[0].Island}) when it names one, and the message its explanation. Status 0 means the server
 * could not be reached.
 */
public class ModelwayException extends RuntimeException {

    private final int status;
    private final String field;

    public ModelwayException(int status, String field, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    /** Whether sending the same call again later may succeed (the server was unreachable or unavailable). */
    public boolean isRetryable() {
        return status == 0 || status == 502 || status == 503 || status == 504;
    }
}
