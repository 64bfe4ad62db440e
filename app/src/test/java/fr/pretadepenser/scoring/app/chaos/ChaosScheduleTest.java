package fr.pretadepenser.scoring.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.app.chaos.ChaosSchedule.Kill;
import fr.pretadepenser.scoring.app.chaos.ChaosSchedule.Kind;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChaosScheduleTest {

  @Test
  void theSameSeedGivesTheSameKillsAnotherSeedOthers() {
    List<Kill> a = ChaosSchedule.draw(5, 2, 2, 3, 1, 1, 1);
    assertThat(ChaosSchedule.draw(5, 2, 2, 3, 1, 1, 1)).isEqualTo(a);
    assertThat(ChaosSchedule.draw(6, 2, 2, 3, 1, 1, 1)).isNotEqualTo(a);
  }

  @Test
  void everyKillAskedForIsThereOnAnExistingInstanceInOrderInsideTheSpan() {
    for (long seed = 0; seed < 200; seed++) {
      List<Kill> kills = ChaosSchedule.draw(seed, 2, 3, 3, 3, 1, 3);
      Map<Kind, Long> byKind =
          kills.stream().collect(Collectors.groupingBy(Kill::kind, Collectors.counting()));
      assertThat(byKind)
          .containsEntry(Kind.SCORER, 3L)
          .containsEntry(Kind.BROKER, 3L)
          .containsEntry(Kind.EXPLAINER, 3L);
      double previous = 0;
      for (Kill k : kills) {
        int instances =
            switch (k.kind()) {
              case SCORER -> 2;
              case BROKER -> 3;
              case EXPLAINER -> 1;
            };
        assertThat(k.target()).isBetween(0, instances - 1);
        assertThat(k.atDecided()).isBetween(ChaosSchedule.FIRST, ChaosSchedule.LAST);
        // Two kills never share a point: each has its own slot, a tenth of a slot from the next.
        assertThat(k.atDecided()).isGreaterThan(previous);
        previous = k.atDecided();
      }
    }
  }

  @Test
  void theKindsAreShuffledAndTheTargetsVaryWithTheSeed() {
    boolean brokerFirst = false;
    boolean scorerFirst = false;
    boolean secondScorer = false;
    for (long seed = 0; seed < 50; seed++) {
      List<Kill> kills = ChaosSchedule.draw(seed, 2, 2, 3, 1, 1, 1);
      brokerFirst |= kills.get(0).kind() == Kind.BROKER;
      scorerFirst |= kills.get(0).kind() == Kind.SCORER;
      secondScorer |= kills.stream().anyMatch(k -> k.kind() == Kind.SCORER && k.target() == 1);
    }
    assertThat(brokerFirst).isTrue();
    assertThat(scorerFirst).isTrue();
    assertThat(secondScorer).isTrue();
  }

  @Test
  void noKillsIsAnEmptyScheduleAndKillsOfNothingAreRefused() {
    assertThat(ChaosSchedule.draw(1, 1, 0, 1, 0, 1, 0)).isEmpty();
    assertThatThrownBy(() -> ChaosSchedule.draw(1, 0, 1, 1, 0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--kill-scorer");
    assertThatThrownBy(() -> ChaosSchedule.draw(1, 1, -1, 1, 0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
