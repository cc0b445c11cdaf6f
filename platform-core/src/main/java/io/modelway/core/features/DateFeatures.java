package io.modelway.core.features;

import io.modelway.core.schema.Dates;
import java.time.LocalDateTime;
import java.time.Year;

/**
 * How a date becomes inputs: its year as a standardised number (with the fraction of the year gone, so trends
 * are smooth), then its month, day of the week and day of the year each on the circle (sine and cosine, so
 * December sits beside January and Sunday beside Monday), and the hour of the day likewise when the column's
 * values carry a time ({@code transform} {@value FeatureColumn#TIME_OF_DAY}); last, with a {@code fill}, whether
 * the date was missing.
 */
final class DateFeatures {

    private DateFeatures() {
    }

    static int width(FeatureColumn column) {
        return 1 + 6 + (FeatureColumn.TIME_OF_DAY.equals(column.transform()) ? 2 : 0) + (column.fill() == null ? 0 : 1);
    }

    /** The year with the fraction of it gone by: 1998-07-02 is about 1998.5. */
    static double fractionalYear(LocalDateTime date) {
        int days = Year.of(date.getYear()).length();
        return date.getYear() + (date.getDayOfYear() - 1 + date.toLocalTime().toSecondOfDay() / 86_400.0) / days;
    }

    /** Whether a date read has a time of day other than midnight. */
    static boolean hasTime(LocalDateTime date) {
        return date.toLocalTime().toSecondOfDay() != 0;
    }

    static Dates.Read read(String field, Object value) {
        if (value instanceof Number n) {
            return Dates.fromEpoch(n.doubleValue());
        }
        if (!(value instanceof String text)) {
            throw new FeatureEncodingException(field, "must be a date (text such as 1998-06-12), got "
                    + value.getClass().getSimpleName());
        }
        return Dates.of(text).orElseThrow(() -> new FeatureEncodingException(field, "'" + text
                + "' is not a date: write it as 1998-06-12, 1998-06-12T10:00:00Z or Jun 12 1998"));
    }

    /** Writes the column's inputs for a value (null: missing) at {@code at}; answers where the next column starts. */
    static int encode(FeatureColumn column, Object value, float[] target, int at) {
        boolean time = FeatureColumn.TIME_OF_DAY.equals(column.transform());
        if (value == null) {
            target[at++] = (float) ((column.fill() - column.mean()) / column.scale());
            at += time ? 8 : 6;
            target[at++] = 1f;
            return at;
        }
        LocalDateTime date = read(column.name(), value).value();
        target[at++] = (float) ((fractionalYear(date) - column.mean()) / column.scale());
        at = circle(target, at, date.getMonthValue() - 1, 12);
        at = circle(target, at, date.getDayOfWeek().getValue() - 1, 7);
        at = circle(target, at, date.getDayOfYear() - 1, Year.of(date.getYear()).length());
        if (time) {
            at = circle(target, at, date.toLocalTime().toSecondOfDay() / 3600.0, 24);
        }
        if (column.fill() != null) {
            target[at++] = 0f;
        }
        return at;
    }

    private static int circle(float[] target, int at, double position, double period) {
        double angle = 2 * Math.PI * position / period;
        target[at] = (float) Math.sin(angle);
        target[at + 1] = (float) Math.cos(angle);
        return at + 2;
    }
}
