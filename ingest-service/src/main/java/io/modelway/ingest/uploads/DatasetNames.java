package io.modelway.ingest.uploads;

import io.modelway.core.web.ApiException;
import java.util.regex.Pattern;

/** Dataset names become object-store prefixes and Kafka keys, so they are kept to a safe alphabet. */
public final class DatasetNames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private DatasetNames() {
    }

    public static void check(String dataset) {
        if (dataset == null || !VALID.matcher(dataset).matches()) {
            throw ApiException.badRequest("dataset",
                    "dataset name must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}
