package io.modelway.dashboard.drift;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code windowRows}: live rows per model version compared with the training profile at a time;
 * {@code history}: windows kept per model for the console's drift charts.
 */
@ConfigurationProperties("modelway.dashboard.drift")
public record DriftProperties(int windowRows, int history) {

    public DriftProperties {
        windowRows = windowRows <= 0 ? 500 : windowRows;
        history = history <= 0 ? 100 : history;
    }
}
