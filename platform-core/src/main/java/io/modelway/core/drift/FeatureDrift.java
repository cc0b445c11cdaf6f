package io.modelway.core.drift;

/**
 * How far one feature's live values have moved from the training profile, by one method: {@code psi}
 * (population stability index; above 0.25 is usually read as a major shift), {@code ks} (Kolmogorov-Smirnov
 * distance, 0 to 1) or {@code chi_square}. {@code pValue} is the chance of a difference at least this large
 * with no drift, where the method gives one.
 */
public record FeatureDrift(String feature, String method, double statistic, Double pValue, long liveCount) {

    public static final String PSI = "psi";
    public static final String KS = "ks";
    public static final String CHI_SQUARE = "chi_square";
}
