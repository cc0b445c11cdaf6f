package io.modelway.core.features;

/** How one input column turns into vector entries: one scaled number, a one-hot block, or a date's parts. */
public enum FeatureKind {
    NUMERIC, CATEGORICAL, DATE
}
