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

    @Test
    void readsPlaceholdersAsMissingOnlyWhereTheColumnsOwnValuesSaySo() {
        SchemaInference inference = new SchemaInference(List.of("speed", "damage", "sex"));
        for (int i = 0; i < 100; i++) {
            String speed = i % 10 == 0 ? "NA" : i % 10 == 1 ? "-" : Integer.toString(100 + i);
            String damage = i < 80 ? "None" : i < 95 ? "Minor" : "Substantial";
            String sex = i == 0 ? "." : i % 2 == 0 ? "MALE" : "FEMALE";
            inference.observe(List.of(speed, damage, sex));
        }
        DatasetSchema schema = inference.result();

        ColumnSchema speed = schema.column("speed").orElseThrow();
        assertThat(speed.type()).as("placeholders beside numbers are missing").isEqualTo(ColumnType.NUMERIC);
        assertThat(speed.missingValues()).containsExactly("-", "NA");
        ColumnSchema damage = schema.column("damage").orElseThrow();
        assertThat(damage.categories()).as("a frequent None beside other categories is one").containsExactly(
                "Minor", "None", "Substantial");
        assertThat(damage.missingValues()).isEmpty();
        assertThat(damage.isMissing("None")).isFalse();
        assertThat(damage.nullable()).isFalse();
        ColumnSchema sex = schema.column("sex").orElseThrow();
        assertThat(sex.categories()).containsExactly("FEMALE", "MALE");
        assertThat(sex.missingValues()).as("a rare one is a placeholder").containsExactly(".");
        assertThat(sex.isMissing(" . ")).isTrue();
        assertThat(sex.isMissing("")).isTrue();
    }

    @Test
    void aWideColumnWhoseValuesRepeatIsCategoricalAndOneOfUniqueValuesIsText() {
        SchemaInference inference = new SchemaInference(List.of("aircraft", "title"));
        for (int i = 0; i < 1000; i++) {
            inference.observe(List.of("model-" + (i % 225), "title " + i));
        }
        DatasetSchema schema = inference.result();

        assertThat(schema.column("aircraft").orElseThrow().type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(schema.column("aircraft").orElseThrow().categories()).hasSize(225);
        assertThat(schema.column("title").orElseThrow().type()).isEqualTo(ColumnType.TEXT);
        assertThat(schema.column("title").orElseThrow().role()).isEqualTo(ColumnRole.IGNORED);
    }
}
