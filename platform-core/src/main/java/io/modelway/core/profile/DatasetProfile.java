package io.modelway.core.profile;

import java.util.List;
import java.util.Optional;

/** Statistics of a dataset version, one entry per column in schema order. */
public record DatasetProfile(long rows, List<ColumnProfile> columns) {

    public Optional<ColumnProfile> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
