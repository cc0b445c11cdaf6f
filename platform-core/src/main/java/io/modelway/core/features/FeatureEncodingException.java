package io.modelway.core.features;

/** A record cannot be encoded; {@link #field()} names the column at fault. */
public class FeatureEncodingException extends RuntimeException {

    private final String field;

    public FeatureEncodingException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
