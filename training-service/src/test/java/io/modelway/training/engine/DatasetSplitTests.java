package io.modelway.training.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetSplitTests {

    @Test
    void stratifiesValidationAndTestAndRepeatsForTheSameSeed() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            rows.add("a" + i);
        }
        for (int i = 0; i < 10; i++) {
            rows.add("b" + i);
        }
        DatasetSplit<String> split = DatasetSplit.of(rows, 0.2, 0.1, 5, r -> r.substring(0, 1));

        assertThat(split.test()).hasSize(20);
        assertThat(split.test().stream().filter(r -> r.startsWith("b"))).hasSize(2);
        assertThat(split.validation()).hasSize(10).doesNotContainAnyElementsOf(split.test());
        assertThat(split.validation().stream().filter(r -> r.startsWith("b"))).hasSize(1);
        assertThat(split.train()).hasSize(70).doesNotContainAnyElementsOf(split.test())
                .doesNotContainAnyElementsOf(split.validation());
        assertThat(DatasetSplit.of(rows, 0.2, 0.1, 5, r -> r.substring(0, 1))).isEqualTo(split);
        assertThat(DatasetSplit.of(rows, 0.2, 0.1, 6, r -> r.substring(0, 1)).test()).isNotEqualTo(split.test());
    }

    @Test
    void aClassOfThreeRowsIsInEachPart() {
        List<String> rows = new ArrayList<>(List.of("rare1", "rare2", "rare3"));
        for (int i = 0; i < 97; i++) {
            rows.add("common" + i);
        }
        DatasetSplit<String> split = DatasetSplit.of(rows, 0.2, 0.15, 1, r -> r.substring(0, 4));

        assertThat(split.train()).filteredOn(r -> r.startsWith("rare")).hasSize(1);
        assertThat(split.validation()).filteredOn(r -> r.startsWith("rare")).hasSize(1);
        assertThat(split.test()).filteredOn(r -> r.startsWith("rare")).hasSize(1);
    }
}
