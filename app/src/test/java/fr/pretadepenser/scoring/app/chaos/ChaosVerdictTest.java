package fr.pretadepenser.scoring.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The verdict's arithmetic on crafted records: what a run that loses or doubles would read. */
class ChaosVerdictTest {

  static final Map<String, Long> EXPECTED =
      Map.of(
          "A", Double.doubleToLongBits(0.1),
          "B", Double.doubleToLongBits(0.2),
          "C", Double.doubleToLongBits(0.3),
          "D", Double.doubleToLongBits(0.4));

  @Test
  void everyApplicationDecidedAndExplainedOnceAsTheBatchPathSaidPasses() {
    ChaosVerdict.Tally t = new ChaosVerdict.Tally(EXPECTED);
    for (String id : List.of("A", "B", "C", "D")) {
      double p = Double.longBitsToDouble(EXPECTED.get(id));
      t.decision(id, p);
      t.explanation(id, p);
    }
    ChaosVerdict v = t.verdict();
    assertThat(v).isEqualTo(new ChaosVerdict(4, 4, 4, 0, 0, 0, 0));
    assertThat(v.passed()).isTrue();
  }

  @Test
  void aDecisionLogWithOneIdMissingAndOneDoubledFails() {
    ChaosVerdict.Tally t = new ChaosVerdict.Tally(EXPECTED);
    t.decision("A", 0.1);
    t.decision("B", 0.2);
    t.decision("B", 0.2); // doubled: a transaction committed twice
    // C never decided: lost
    t.decision("D", 0.4);
    for (String id : List.of("A", "B", "D")) {
      t.explanation(id, Double.longBitsToDouble(EXPECTED.get(id)));
    }
    ChaosVerdict v = t.verdict();
    assertThat(v.lost()).isEqualTo(1);
    assertThat(v.duplicated()).isEqualTo(1);
    assertThat(v.decided()).isEqualTo(3);
    assertThat(v.explained()).isEqualTo(3);
    assertThat(v.differFromBatch()).isZero();
    assertThat(v.passed()).isFalse();
    assertThat(t.decided()).isEqualTo(3);
  }

  @Test
  void aDoubledExplanationAnUnknownIdAndAProbabilityOffByOneBitFail() {
    ChaosVerdict.Tally t = new ChaosVerdict.Tally(EXPECTED);
    for (String id : List.of("A", "B", "C", "D")) {
      t.decision(id, Double.longBitsToDouble(EXPECTED.get(id)));
    }
    t.explanation("A", 0.1);
    t.explanation("A", 0.1);
    t.explanation("B", 0.2);
    t.explanation("C", 0.3);
    // The smallest difference a double can have: the batch path must be met exactly.
    t.explanation("D", Math.nextUp(0.4));
    t.decision("Z", 0.5);
    t.decision("Z", 0.5);
    ChaosVerdict v = t.verdict();
    assertThat(v).isEqualTo(new ChaosVerdict(4, 4, 4, 0, 1, 1, 1));
    assertThat(v.passed()).isFalse();
  }

  @Test
  void nothingReadLosesEverything() {
    ChaosVerdict v = new ChaosVerdict.Tally(EXPECTED).verdict();
    assertThat(v).isEqualTo(new ChaosVerdict(4, 0, 0, 4, 0, 0, 0));
    assertThat(v.passed()).isFalse();
  }

  @Test
  void recoveryIsTheSlowestOfTheDeadPartsPartitionsToProduceAgain() {
    ChaosFigures.Timeline t = new ChaosFigures.Timeline();
    for (long ms = 0; ms <= 10_000; ms += 100) {
      t.add(0, ms); // a partition the survivor held: never stopped
    }
    t.add(1, 900);
    t.add(1, 7_500); // the dead scorer's partition: 6.5 s after the kill at 1,000
    t.add(2, 950);
    t.add(2, 3_000);
    // partition 3 produced nothing after the kill: no work left there, not counted
    t.add(3, 500);
    assertThat(ChaosFigures.recoveryMillis(t, List.of(1, 2, 3), 1_000))
        .isEqualTo(OptionalLong.of(6_500));
    assertThat(ChaosFigures.recoveryMillis(t, List.of(3), 1_000)).isEmpty();
    assertThat(ChaosFigures.recoveryMillis(t, List.of(0), 1_000)).isEqualTo(OptionalLong.of(100));
  }

  @Test
  void aKillIsOverOnlyWhenEveryPartitionItStoppedProducedAgain() {
    ChaosFigures.Timeline t = new ChaosFigures.Timeline();
    t.add(0, 900);
    t.add(0, 2_000);
    t.add(1, 800);
    assertThat(ChaosFigures.recoveredOnAll(t, List.of(0, 1), 1_000)).isFalse();
    t.add(1, 4_000);
    assertThat(ChaosFigures.recoveredOnAll(t, List.of(0, 1), 1_000)).isTrue();
    assertThat(ChaosFigures.recoveredOnAll(t, List.of(0, 1), 5_000)).isFalse();
  }

  @Test
  void quantilesAreNearestRank() {
    double[] v = new double[100];
    for (int i = 0; i < 100; i++) {
      v[i] = 100 - i;
    }
    assertThat(ChaosFigures.quantile(v.clone(), 0.5)).isEqualTo(50);
    assertThat(ChaosFigures.quantile(v.clone(), 0.99)).isEqualTo(99);
    assertThat(ChaosFigures.quantile(v.clone(), 1.0)).isEqualTo(100);
    assertThat(ChaosFigures.quantile(new double[] {7}, 0.99)).isEqualTo(7);
    assertThat(ChaosFigures.quantile(new double[0], 0.5)).isNaN();
  }
}
