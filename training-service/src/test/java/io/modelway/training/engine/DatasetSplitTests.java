package io.modelway.training.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetSplitTests {

    @Test
    void stratifiesTheHoldoutAndRepeatsForTheSameSeed() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            rows.add("a" + i);
        }
        for (int i = 0; i < 10; i++) {
            rows.add("b" + i);
        }
        DatasetSplit<String> split = DatasetSplit.of(rows, 0.2, 5, r -> r.substring(0, 1));

        assertThat(split.holdout()).hasSize(20);
        assertThat(split.holdout().stream().filter(r -> r.startsWith("b"))).hasSize(2);
        assertThat(split.train()).hasSize(80).doesNotContainAnyElementsOf(split.holdout());
        assertThat(DatasetSplit.of(rows, 0.2, 5, r -> r.substring(0, 1))).isEqualTo(split);
        assertThat(DatasetSplit.of(rows, 0.2, 6, r -> r.substring(0, 1)).holdout()).isNotEqualTo(split.holdout());
    }
}
