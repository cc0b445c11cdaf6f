package io.modelway.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaInferenceTests {

    @Test
    void infersNumericCategoricalAndTextColumnsWithRangesAndNullability() {
        SchemaInference inference = new SchemaInference(List.of("n", "c", "t"), 3);
        inference.observe(List.of("1.5", "a", "x1"));
        inference.observe(List.of("-2", "b", "x2"));
        inference.observe(List.of("NA", "a", "x3"));
        inference.observe(List.of("1e3", ".", "x4"));

        DatasetSchema schema = inference.result();

        ColumnSchema n = schema.column("n").orElseThrow();
        assertThat(n.type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(n.nullable()).isTrue();
        assertThat(n.min()).isEqualTo(-2.0);
        assertThat(n.max()).isEqualTo(1000.0);
        ColumnSchema c = schema.column("c").orElseThrow();
        assertThat(c.type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(c.categories()).containsExactly("a", "b");
        assertThat(c.nullable()).isTrue();
        ColumnSchema t = schema.column("t").orElseThrow();
        assertThat(t.type()).isEqualTo(ColumnType.TEXT);
        assertThat(t.role()).isEqualTo(ColumnRole.IGNORED);
    }

    @Test
    void readsOnlyFiniteDecimalNumbers() {
        assertThat(Numbers.parse(" 42 ")).hasValue(42.0);
        assertThat(Numbers.parse("-1.5e2")).hasValue(-150.0);
        assertThat(Numbers.parse("NaN")).isEmpty();
        assertThat(Numbers.parse("Infinity")).isEmpty();
        assertThat(Numbers.parse("0x1p3")).isEmpty();
        assertThat(Numbers.parse("12d")).isEmpty();
        assertThat(Numbers.parse("1e999")).isEmpty();
        assertThat(Numbers.parse("")).isEmpty();
    }

    @Test
    void treatsBlankAndPlaceholderTextAsMissing() {
        assertThat(List.of("", "  ", "NA", "n/a", "null", ".", "?", "-", "None")).allMatch(MissingValues::isMissing);
        assertThat(List.of("0", "MALE", "a.b")).noneMatch(MissingValues::isMissing);
    }
}
