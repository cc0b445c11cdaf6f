package io.modelway.core.features;

/** How one input column turns into vector entries: one scaled number, or a one-hot block. */
public enum FeatureKind {
    NUMERIC, CATEGORICAL
}
