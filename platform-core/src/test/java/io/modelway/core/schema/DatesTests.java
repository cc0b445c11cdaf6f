package io.modelway.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatesTests {

    @Test
    void readsTheFormsTablesWriteDatesIn() {
        LocalDateTime june12 = LocalDateTime.of(1998, 6, 12, 0, 0);
        for (String text : List.of("1998-06-12", "Jun 12 1998", "June 12, 1998", "jun 12, 1998", "12 Jun 1998",
                "1998/06/12")) {
            assertThat(Dates.parse(text)).as(text).hasValueSatisfying(read -> {
                assertThat(read.value()).isEqualTo(june12);
                assertThat(read.timeOfDay()).isFalse();
            });
        }
        assertThat(Dates.parse("1998-06-12T10:00Z").orElseThrow().value()).isEqualTo(june12.withHour(10));
        assertThat(Dates.parse("1998-06-12T12:00+02:00").orElseThrow().value()).isEqualTo(june12.withHour(10));
        assertThat(Dates.parse("1998-06-12 10:30:00").orElseThrow().value()).isEqualTo(june12.withHour(10).withMinute(30));
        assertThat(Dates.canonical(Dates.parse("Jun 12 1998").orElseThrow())).isEqualTo("1998-06-12");
        assertThat(Dates.canonical(Dates.parse("1998-06-12T12:00+02:00").orElseThrow())).isEqualTo("1998-06-12T10:00:00Z");
    }

    @Test
    void numbersAndTextAreNotDatesUnlessDeclared() {
        assertThat(List.of("1998", "19980612", "Jun 1998", "2001: A Space Odyssey", "Biscoe", "1998-13-40", ""))
                .allSatisfy(text -> assertThat(Dates.parse(text)).as(text).isEmpty());
        // In a column declared DATE a number is seconds since 1970, or milliseconds when that large.
        assertThat(Dates.of("897645600").orElseThrow().value()).isEqualTo(LocalDateTime.of(1998, 6, 12, 10, 0));
        assertThat(Dates.of("897645600000").orElseThrow().value()).isEqualTo(LocalDateTime.of(1998, 6, 12, 10, 0));
    }

    @Test
    void aColumnOfDatesIsInferredAsOne() {
        SchemaInference inference = new SchemaInference(List.of("released", "title"));
        inference.observe(List.of("Jun 12 1998", "Dr. Strangelove"));
        inference.observe(List.of("", "2001: A Space Odyssey"));
        inference.observe(List.of("Dec 25 2001", "Amelie"));

        assertThat(inference.result().column("released").orElseThrow().type()).isEqualTo(ColumnType.DATE);
        assertThat(inference.result().column("released").orElseThrow().nullable()).isTrue();
        assertThat(inference.result().column("title").orElseThrow().type()).isNotEqualTo(ColumnType.DATE);
    }
}
