package fr.pretadepenser.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StratifiedFoldsTest {

  @Test
  void foldsPartitionTheRowsAndKeepTheDefaultRate() {
    int[] y = new int[1003];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 12 == 0 ? 1 : 0;
    }
    int positives = Arrays.stream(y).sum();
    StratifiedFolds folds = StratifiedFolds.of(y, 5, 42);
    Set<Integer> seen = new HashSet<>();
    for (int f = 0; f < 5; f++) {
      int[] valid = folds.validation(f);
      int[] train = folds.training(f);
      assertThat(valid.length + train.length).isEqualTo(y.length);
      int p = Arrays.stream(valid).map(i -> y[i]).sum();
      assertThat(p).isBetween(positives / 5, positives / 5 + 1);
      for (int i : valid) {
        assertThat(seen.add(i)).as("row %d in two folds", i).isTrue();
      }
    }
    assertThat(seen).hasSize(y.length);
  }

  @Test
  void theSameSeedGivesTheSameFoldsAndAnotherSeedOthers() {
    int[] y = new int[200];
    for (int i = 0; i < y.length; i += 7) {
      y[i] = 1;
    }
    assertThat(StratifiedFolds.of(y, 4, 1).validation(2))
        .isEqualTo(StratifiedFolds.of(y, 4, 1).validation(2))
        .isNotEqualTo(StratifiedFolds.of(y, 4, 2).validation(2));
  }

  @Test
  void tooFewDefaultersForTheFoldsIsAClearError() {
    assertThatThrownBy(() -> StratifiedFolds.of(new int[] {1, 0, 0, 0, 0, 0}, 5, 1))
        .hasMessageContaining("only 1 rows with TARGET = 1");
  }
}
