package fr.pretadepenser.scoring.monitoring;

import static fr.pretadepenser.scoring.monitoring.DriftDetectorTest.info;
import static fr.pretadepenser.scoring.monitoring.DriftDetectorTest.zeroToHundred;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.pretadepenser.scoring.events.AlertKind;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.LoanOutcome;
import fr.pretadepenser.scoring.events.ModelAlert;
import fr.pretadepenser.scoring.events.MonitoringSnapshot;
import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.model.ReferenceDistributions;
import fr.pretadepenser.scoring.model.ReferenceDistributions.Distribution;
import fr.pretadepenser.scoring.monitoring.live.MonitorSettings;
import fr.pretadepenser.scoring.monitoring.live.MonitorState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live monitor's arithmetic on small inputs worked out by hand. */
class MonitorStateTest {

  static final String VERSION = "v-test";
  static final double THRESHOLD = 0.5;
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  /** Probabilities spread evenly over ten bins cut at 0.1, 0.2, …, 0.9. */
  static Distribution uniformScore() {
    Double[] tenths = new Double[10];
    Arrays.fill(tenths, 0.1);
    return new Distribution(
        "score",
        1000,
        0,
        0.5,
        0.29,
        0.0,
        1.0,
        DriftDetectorTest.LEVELS,
        List.of(0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99),
        List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9),
        List.of(tenths));
  }

  /** Only what the monitor reads matters: costs 10/1, CV AUC 0.75, 70% granted out of fold. */
  static ModelCard card() {
    return new ModelCard(
        VERSION,
        "",
        "",
        100,
        3,
        0.2,
        5,
        42,
        List.of(),
        0.75,
        0.01,
        List.of(),
        0.7,
        0.01,
        1,
        THRESHOLD,
        10,
        1,
        0,
        0,
        0,
        new ModelCard.Confusion(10, 20, 60, 10),
        0.1,
        "none",
        Map.of(),
        1,
        1,
        1,
        Map.of(),
        0,
        0,
        0,
        null);
  }

  static ReferenceDistributions reference() {
    return new ReferenceDistributions(
        101, List.of(zeroToHundred("a"), zeroToHundred("b"), zeroToHundred("c")), uniformScore());
  }

  static DriftDetector detector() {
    return new DriftDetector(
        reference(),
        List.of(info("a"), info("b"), info("c")),
        List.of(FeatureKind.NUMERIC, FeatureKind.NUMERIC, FeatureKind.NUMERIC),
        new double[] {2, 1, 1},
        DriftThresholds.DEFAULT);
  }

  static MonitorState state(int window, int minWindow) {
    return new MonitorState(
        detector(),
        reference(),
        card(),
        VERSION,
        MonitorSettings.DEFAULT.withWindow(window, minWindow).withInterval(Duration.ofSeconds(1)));
  }

  static Decision decision(long client, double p, float a, float b, float c) {
    return Decision.newBuilder()
        .setApplicationId("HC-" + client)
        .setSKIDCURR(client)
        .setProbability(p)
        .setDecision(p >= THRESHOLD ? DecisionOutcome.REFUSED : DecisionOutcome.GRANTED)
        .setThreshold(THRESHOLD)
        .setModelVersion(VERSION)
        .setFeatures(List.of(a, b, c))
        .setReceivedAt(T0)
        .setDecidedAt(T0)
        .build();
  }

  /** An outcome about the application {@link #decision} gives the client: "HC-" + client. */
  static LoanOutcome outcome(long client, boolean defaulted) {
    return outcome(client, "HC-" + client, defaulted);
  }

  /** An outcome about {@code applicationId}; null when the sender does not know it. */
  static LoanOutcome outcome(long client, String applicationId, boolean defaulted) {
    return LoanOutcome.newBuilder()
        .setSKIDCURR(client)
        .setApplicationId(applicationId)
        .setDefaulted(defaulted)
        .setKnownAt(T0)
        .build();
  }

  static Decision decision(long client, String applicationId, double p) {
    Decision d = decision(client, p, 0, 0, 0);
    d.setApplicationId(applicationId);
    return d;
  }

  /** 101 decisions whose feature a is the row index plus {@code shiftA}; b and c as trained. */
  static void window(MonitorState s, long firstClient, int shiftA, double probability) {
    for (int r = 0; r <= 100; r++) {
      s.decision(decision(firstClient + r, probability, r + shiftA, r, r));
    }
  }

  @Test
  void realisedAucAndCostOverTheDecisionsWhoseOutcomeIsKnownWhateverTheArrivalOrder() {
    MonitorState s = state(10, 5);
    // Outcome before its decision (client 4), and a decision without outcome (client 5).
    s.outcome(outcome(4, true));
    s.decision(decision(1, 0.1, 0, 0, 0));
    s.decision(decision(2, 0.2, 0, 0, 0));
    s.decision(decision(3, 0.7, 0, 0, 0));
    s.decision(decision(4, 0.9, 0, 0, 0));
    s.decision(decision(5, 0.3, 0, 0, 0));
    s.outcome(outcome(1, false));
    s.outcome(outcome(2, true));
    s.outcome(outcome(3, false));

    MonitoringSnapshot snap = s.snapshot(T0).snapshot();

    assertThat(snap.getOutcomesKnown()).isEqualTo(4);
    // Defaulters 0.2 and 0.9 against repaid 0.1 and 0.7: 3 of 4 pairs ordered right.
    assertThat(snap.getRealisedAuc()).isCloseTo(0.75, within(1e-12));
    // Client 2 defaulted on a granted loan (10); client 3 repaid but was refused (1).
    assertThat(snap.getRealisedCost()).isEqualTo(11.0);
    assertThat(snap.getRealisedDefaultRate()).isEqualTo(0.5);
    assertThat(snap.getWindowDecisions()).isEqualTo(5);
  }

  @Test
  void anOutcomeIsJoinedWithTheApplicationItIsAboutNotWithTheClientsLatestDecision() {
    MonitorState s = state(10, 5);
    // Client 7 applied twice: refused at 0.9, then granted at 0.1; each application has its
    // outcome.
    s.decision(decision(7, "HC-7-a", 0.9));
    s.decision(decision(7, "HC-7-b", 0.1));
    s.decision(decision(8, "HC-8", 0.3));
    s.outcome(outcome(7, "HC-7-a", true));
    s.outcome(outcome(7, "HC-7-b", false));
    s.outcome(outcome(8, "HC-8", false));

    MonitoringSnapshot snap = s.snapshot(T0).snapshot();

    // Three outcomes, two of one client: joined by client, only two would count.
    assertThat(snap.getOutcomesKnown()).isEqualTo(3);
    // The defaulter (0.9) above both repaid (0.1, 0.3): AUC 1. Joined with the client's latest
    // decision (0.1) it would be 0.
    assertThat(snap.getRealisedAuc()).isEqualTo(1.0);
    // The defaulter was refused: no cost; with the latest decision, a granted defaulter: 10.
    assertThat(snap.getRealisedCost()).isZero();
    assertThat(s.outcomesJoinedByClient()).isZero();
  }

  @Test
  void anOutcomeWithoutApplicationIdFallsBackOnTheClientsLatestDecisionAndIsCounted() {
    MonitorState s = state(10, 5);
    s.decision(decision(7, "HC-7-a", 0.9));
    s.decision(decision(7, "HC-7-b", 0.1));
    // Before any decision of client 9, then its decision: joined when it comes.
    s.outcome(outcome(9, null, false));
    s.decision(decision(9, "HC-9", 0.2));
    s.outcome(outcome(7, null, true));

    MonitoringSnapshot snap = s.snapshot(T0).snapshot();

    assertThat(snap.getOutcomesKnown()).isEqualTo(2);
    // Client 7's outcome went to its latest decision, granted at 0.1: a granted defaulter.
    assertThat(snap.getRealisedCost()).isEqualTo(10.0);
    assertThat(snap.getRealisedAuc()).isZero();
    assertThat(s.outcomesJoinedByClient()).isEqualTo(2);
  }

  @Test
  void everyMapIsBoundedAndRealisedPerformanceCoversTheLatestOutcomes() {
    MonitorState s =
        new MonitorState(
            detector(),
            reference(),
            card(),
            VERSION,
            MonitorSettings.DEFAULT.withWindow(10, 5).withLimits(100, 50));
    for (long c = 1; c <= 10_000; c++) {
      s.decision(decision(c, "HC-" + c, (c % 100) / 100.0));
      // Outcomes of every other client, 0 to 9 decisions late; then outcomes of unknown apps.
      if (c % 2 == 0 && c > 10) {
        s.outcome(outcome(c - 10, c % 4 == 0));
      }
      s.outcome(outcome(100_000 + c, "HC-unknown-" + c, false));
    }

    MonitorState.Sizes sizes = s.sizes();
    assertThat(sizes.awaitingOutcome()).isLessThanOrEqualTo(100);
    assertThat(sizes.latestByClient()).isLessThanOrEqualTo(100);
    assertThat(sizes.earlyOutcomes()).isLessThanOrEqualTo(100);
    assertThat(sizes.joined()).isEqualTo(50);
    assertThat(sizes.window()).isEqualTo(10);
    assertThat(s.snapshot(T0).snapshot().getOutcomesKnown()).isEqualTo(50);
    // Outcomes of unknown applications that waited longest were dropped, and counted.
    assertThat(s.outcomesDropped()).isGreaterThan(9_000);
  }

  /**
   * {@code copies} times: 100 repaid clients scored 0.00 to 0.99 and 20 defaulters scored between
   * them, each above 45, 47, ..., 83 of the repaid: a realised AUC of exactly 0.64 whatever the
   * number of copies, below the floor of 0.75 − 0.05.
   */
  private static MonitoringSnapshot auc064(MonitorState s, int copies, List<AlertKind> raised) {
    long client = 1;
    for (int copy = 0; copy < copies; copy++) {
      for (int k = 0; k < 100; k++) {
        s.decision(decision(client, k / 100.0, 0, 0, 0));
        s.outcome(outcome(client++, false));
      }
      for (int k = 44; k < 84; k += 2) {
        s.decision(decision(client, (k + 0.5) / 100, 0, 0, 0));
        s.outcome(outcome(client++, true));
      }
    }
    MonitorState.Result r = s.snapshot(T0);
    raised.addAll(kinds(r.alerts()));
    return r.snapshot();
  }

  @Test
  void realisedPerformanceAlertsWhenTheWholeIntervalIsBelowTheFloorNotJustThePoint() {
    double floor = 0.75 - MonitorSettings.DEFAULT.aucDrop();

    // 120 outcomes: the point is below the floor, but that many outcomes cannot tell.
    List<AlertKind> few = new ArrayList<>();
    MonitoringSnapshot small = auc064(state(2_000, 2_000), 1, few);
    assertThat(small.getOutcomesKnown()).isEqualTo(120);
    assertThat(small.getRealisedAuc()).isCloseTo(0.64, within(1e-12)).isLessThan(floor);
    assertThat(small.getRealisedAucHigh()).isGreaterThan(floor);
    assertThat(few).doesNotContain(AlertKind.PERFORMANCE);

    // Ten times as many at the same AUC: the interval narrows by about √10 and clears the floor.
    List<AlertKind> many = new ArrayList<>();
    MonitoringSnapshot large = auc064(state(2_000, 2_000), 10, many);
    assertThat(large.getRealisedAuc()).isCloseTo(0.64, within(1e-12));
    assertThat(large.getRealisedAucHigh()).isLessThan(floor);
    assertThat(many).containsExactly(AlertKind.PERFORMANCE);

    // The interval is the AUC ± 1.645 DeLong standard errors (the error is checked by hand in
    // MetricsTest), and narrower with more outcomes.
    for (MonitoringSnapshot snap : List.of(small, large)) {
      double halfWidth = snap.getRealisedAucHigh() - snap.getRealisedAuc();
      assertThat(snap.getRealisedAuc() - snap.getRealisedAucLow())
          .isCloseTo(halfWidth, within(1e-12));
    }
    double wide = small.getRealisedAucHigh() - small.getRealisedAucLow();
    double narrow = large.getRealisedAucHigh() - large.getRealisedAucLow();
    assertThat(wide / narrow).isCloseTo(Math.sqrt(10), within(0.1));
  }

  @Test
  void aShiftedWindowRaisesOneDatasetDriftAlertUntilItClearsThenAgain() {
    MonitorState s = state(101, 101);
    window(s, 1, 20, 0.05);

    MonitorState.Result first = s.snapshot(T0);
    MonitoringSnapshot snap = first.snapshot();
    assertThat(snap.getDatasetDrift()).isTrue();
    assertThat(snap.getFeatures().get(0).getFeature()).isEqualTo("a");
    assertThat(snap.getFeatures().get(0).getDrift()).isTrue();
    assertThat(snap.getFeatures()).hasSize(3);
    assertThat(kinds(first.alerts())).contains(AlertKind.DATASET_DRIFT);

    assertThat(kinds(s.snapshot(T0.plusSeconds(1)).alerts()))
        .as("still drifting: no second alert")
        .doesNotContain(AlertKind.DATASET_DRIFT);

    window(s, 1_000, 0, 0.05);
    MonitorState.Result cleared = s.snapshot(T0.plusSeconds(2));
    assertThat(cleared.snapshot().getDatasetDrift()).isFalse();
    assertThat(cleared.snapshot().getDriftedShare()).isZero();

    window(s, 2_000, 20, 0.05);
    assertThat(kinds(s.snapshot(T0.plusSeconds(3)).alerts())).contains(AlertKind.DATASET_DRIFT);
  }

  @Test
  void scoresCrowdedInOneBinAndEveryoneGrantedRaiseScoreDriftAndApprovalRateAlerts() {
    MonitorState s = state(101, 101);
    window(s, 1, 0, 0.05);

    MonitorState.Result r = s.snapshot(T0);

    // All probabilities in the first of ten bins of 10%: PSI = (1 − 0.1)·ln(1/0.1) + nine bins of
    // (0.0001 − 0.1)·ln(0.0001/0.1) = 0.9·ln 10 + 9·0.0999·ln 1000 = 2.0723 + 6.2106.
    double expected = 0.9 * Math.log(10) + 9 * (0.1 - 0.0001) * Math.log(0.1 / 0.0001);
    assertThat(r.snapshot().getScorePsi()).isCloseTo(expected, within(1e-9));
    assertThat(r.snapshot().getScoreDrift()).isTrue();
    assertThat(r.snapshot().getApprovalRate()).isEqualTo(1.0);
    // Out of fold: TN 60 + FN 10 granted of 100.
    assertThat(r.snapshot().getReferenceApprovalRate()).isCloseTo(0.7, within(1e-12));
    assertThat(kinds(r.alerts()))
        .containsExactlyInAnyOrder(AlertKind.SCORE_DRIFT, AlertKind.APPROVAL_RATE);
    assertThat(r.alerts()).allSatisfy(a -> assertThat(a.getMessage()).isNotBlank());
  }

  @Test
  void belowTheMinimumWindowNoDriftIsComputedAndAnotherModelsDecisionsAreOnlyCounted() {
    MonitorState s = state(200, 150);
    window(s, 1, 20, 0.05);
    Decision foreign = decision(9_999, 0.5, 0, 0, 0);
    foreign.setModelVersion("other");
    s.decision(foreign);

    MonitorState.Result r = s.snapshot(T0);

    assertThat(r.snapshot().getWindowDecisions()).isEqualTo(101);
    assertThat(r.snapshot().getFeatures()).isEmpty();
    assertThat(r.snapshot().getScorePsi()).isNull();
    assertThat(r.alerts()).isEmpty();
    assertThat(s.otherModelDecisions()).isEqualTo(1);
  }

  private static List<AlertKind> kinds(List<ModelAlert> alerts) {
    List<AlertKind> out = new ArrayList<>();
    alerts.forEach(a -> out.add(a.getKind()));
    return out;
  }
}
