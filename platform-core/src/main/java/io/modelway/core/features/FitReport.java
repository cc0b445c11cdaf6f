package io.modelway.core.features;

/** The words of a {@link ColumnFate} for a column that became an input. */
final class FitReport {

    private FitReport() {
    }

    static String input(FeatureColumn column, long missing, int categoriesSeen) {
        StringBuilder detail = new StringBuilder();
        switch (column.kind()) {
            case NUMERIC -> {
                detail.append("a number, standardised");
                if (FeatureColumn.LOG1P.equals(column.transform())) {
                    detail.append(", read as log(1 + x): its values are skewed far to the right");
                }
                if (column.fill() != null) {
                    detail.append("; ").append(missing).append(" missing, imputed with the median ")
                            .append(column.fill()).append(" and flagged");
                }
            }
            case DATE -> {
                detail.append("a date, as its year and its month, weekday and day of the year on the circle");
                if (FeatureColumn.TIME_OF_DAY.equals(column.transform())) {
                    detail.append(", and the hour");
                }
                if (column.fill() != null) {
                    detail.append("; ").append(missing).append(" missing, flagged");
                }
            }
            case CATEGORICAL -> {
                int kept = column.categories().size() - (column.categories().contains(FeatureColumn.MISSING) ? 1 : 0)
                        - (column.categories().contains(FeatureColumn.OTHER) ? 1 : 0);
                detail.append("a category, one-hot over ").append(kept).append(" of ").append(categoriesSeen);
                if (column.categories().contains(FeatureColumn.OTHER)) {
                    detail.append("; the ").append(categoriesSeen - kept).append(" rarer ones count as (other)");
                }
                if (column.fill() == null && column.categories().contains(FeatureColumn.MISSING)) {
                    detail.append("; ").append(missing).append(" missing, a category of their own");
                }
            }
        }
        return detail.toString();
    }
}
