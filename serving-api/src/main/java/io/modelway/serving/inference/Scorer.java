package io.modelway.serving.inference;

/** Runs a model version's network on encoded rows. */
public interface Scorer {

    /** One output row per input row. */
    float[][] output(float[][] rows);

    /** {@code java-dense} or {@code dl4j}: which engine answers, for metadata and logs. */
    String engine();

    /** The version was swapped out: release threads once the requests still holding it are answered. */
    void retire();
}
