package io.modelway.core.features;

/**
 * What the pipeline made of one column of the table it was fitted on, and why: {@code use} is {@code input},
 * {@code label} or {@code not read}; {@code detail} says how it is encoded or why it is left out, in words for
 * the people who look at a model.
 */
public record ColumnFate(String column, String use, String detail) {

    public static final String INPUT = "input";
    public static final String LABEL = "label";
    public static final String NOT_READ = "not read";
}
