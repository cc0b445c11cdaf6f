package io.modelway.training.engine;

import java.util.Locale;

/** What a network learns: classes (softmax), a number (identity output), or to reconstruct its input. */
public enum ModelType {
    CLASSIFIER, REGRESSOR, ANOMALY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelType fromWire(String name) {
        for (ModelType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
