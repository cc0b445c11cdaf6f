package io.modelway.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelway.core.schema.ColumnRole;
import io.modelway.core.schema.ColumnSchema;
import io.modelway.core.schema.ColumnType;
import io.modelway.core.schema.DatasetSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileBuilderTests {

    private static final DatasetSchema SCHEMA = new DatasetSchema(List.of(
            new ColumnSchema("x", ColumnType.NUMERIC, ColumnRole.FEATURE, true, null, null, null),
            new ColumnSchema("k", ColumnType.CATEGORICAL, ColumnRole.FEATURE, false, null, null, List.of("a", "b"))));

    @Test
    void computesExactStatisticsForSmallColumns() {
        ProfileBuilder builder = new ProfileBuilder(SCHEMA);
        for (int i = 1; i <= 100; i++) {
            builder.observe(List.of(Integer.toString(i), i % 4 == 0 ? "b" : "a"));
        }
        builder.observe(List.of("", "a"));

        DatasetProfile profile = builder.build();

        assertThat(profile.rows()).isEqualTo(101);
        ColumnProfile x = profile.column("x").orElseThrow();
        assertThat(x.count()).isEqualTo(100);
        assertThat(x.missing()).isEqualTo(1);
        assertThat(x.mean()).isCloseTo(50.5, within(1e-9));
        assertThat(x.std()).isCloseTo(29.0115, within(1e-4));
        assertThat(x.min()).isEqualTo(1.0);
        assertThat(x.max()).isEqualTo(100.0);
        assertThat(x.quantiles().get("p50")).isCloseTo(50.5, within(1e-9));
        assertThat(x.exact()).isTrue();
        assertThat(x.histogram()).hasSize(20);
        assertThat(x.histogram().stream().mapToLong(ColumnProfile.HistogramBin::count).sum()).isEqualTo(100);
        assertThat(profile.column("k").orElseThrow().frequencies()).containsEntry("a", 76L).containsEntry("b", 25L);
    }

    @Test
    void samplesLargeColumnsInBoundedMemoryAndStillCountsEveryRow() {
        ProfileBuilder builder = new ProfileBuilder(SCHEMA, 1000);
        for (int i = 0; i < 50_000; i++) {
            builder.observe(List.of(Integer.toString(i % 1000), "a"));
        }
        ColumnProfile x = builder.build().column("x").orElseThrow();
        assertThat(x.exact()).isFalse();
        assertThat(x.count()).isEqualTo(50_000);
        assertThat(x.mean()).isCloseTo(499.5, within(1e-6));
        assertThat(x.quantiles().get("p50")).isCloseTo(499.5, within(50.0));
        assertThat(x.histogram().stream().mapToLong(ColumnProfile.HistogramBin::count).sum())
                .isCloseTo(50_000L, within(20L));
    }

    @Test
    void profilesCleanRowsFromTheirReadNumbersAsFromTheirText() {
        ProfileBuilder fromText = new ProfileBuilder(SCHEMA, 1000);
        ProfileBuilder fromNumbers = new ProfileBuilder(SCHEMA, 1000);
        for (int i = 0; i < 5_000; i++) {
            double x = (i * 7919 % 1000) / 8.0;
            String value = i % 50 == 0 ? "" : Double.toString(x);
            List<String> row = List.of(value, i % 3 == 0 ? "b" : "a");
            fromText.observe(row);
            fromNumbers.observeClean(row, new double[] {value.isEmpty() ? Double.NaN : x, Double.NaN});
        }
        assertThat(fromNumbers.build()).isEqualTo(fromText.build());
        assertThat(fromNumbers.build().column("x").orElseThrow().missing()).isEqualTo(100);
    }
}
