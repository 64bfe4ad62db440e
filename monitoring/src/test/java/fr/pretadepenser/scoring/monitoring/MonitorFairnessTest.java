package fr.pretadepenser.scoring.monitoring;

import static fr.pretadepenser.scoring.monitoring.MonitorStateTest.T0;
import static fr.pretadepenser.scoring.monitoring.MonitorStateTest.decision;
import static fr.pretadepenser.scoring.monitoring.MonitorStateTest.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import fr.pretadepenser.scoring.events.AlertKind;
import fr.pretadepenser.scoring.events.FairnessGroup;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.ModelAlert;
import fr.pretadepenser.scoring.events.MonitoringSnapshot;
import fr.pretadepenser.scoring.model.fairness.FairnessRow;
import fr.pretadepenser.scoring.model.fairness.FairnessTable;
import fr.pretadepenser.scoring.monitoring.live.MonitorSettings;
import fr.pretadepenser.scoring.monitoring.live.MonitorState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fairness by group in the live monitor: the groups come from the applications (the decisions'
 * vectors no longer hold gender or family status), figures worked out by hand.
 */
class MonitorFairnessTest {

  /** Days of birth giving {@code years} whole years at the application. */
  static int born(int years) {
    return -(int) Math.ceil(years * 365.25) - 10;
  }

  /**
   * An application with only what the monitor reads (the other fields stay empty: the monitor never
   * looks at them).
   */
  static LoanApplication application(
      String id, long client, String gender, int years, String family) {
    LoanApplication a = new LoanApplication();
    a.setApplicationId(id);
    a.setSKIDCURR(client);
    a.setCODEGENDER(gender);
    a.setDAYSBIRTH(born(years));
    a.setNAMEFAMILYSTATUS(family);
    return a;
  }

  static MonitorState state(int minDecisions) {
    return new MonitorState(
        MonitorStateTest.detector(),
        MonitorStateTest.reference(),
        MonitorStateTest.card(),
        MonitorStateTest.VERSION,
        MonitorSettings.DEFAULT
            .withWindow(10, 5)
            .withInterval(Duration.ofSeconds(1))
            .withFairnessMinDecisions(minDecisions));
  }

  static FairnessGroup group(MonitoringSnapshot s, String attribute, String group) {
    return s.getFairness().stream()
        .filter(g -> g.getAttribute().equals(attribute) && g.getGroup().equals(group))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no group " + attribute + "=" + group));
  }

  @Test
  void ageInWholeYearsAndItsBand() {
    assertThat(FairnessTable.ageYears((double) born(25))).isEqualTo(25);
    assertThat(FairnessTable.ageYears(-Math.ceil(26 * 365.25))).isEqualTo(26);
    assertThat(FairnessTable.ageYears(-Math.ceil(26 * 365.25) + 1)).isEqualTo(25);
    assertThat(List.of(19, 25, 26, 35, 36, 45, 46, 55, 56, 70).stream().map(FairnessTable::ageBand))
        .containsExactly(
            "18-25", "18-25", "26-35", "26-35", "36-45", "36-45", "46-55", "46-55", "56+", "56+");
  }

  /**
   * Eight applicants, by hand. Women (all 30, married): 3 granted, 1 refused; outcomes: one granted
   * defaulted, two granted repaid, the refused one defaulted. Men (all 50, single): 1 granted, 3
   * refused; outcomes known for two: a refused defaulter, a granted repayer. Arrival orders mixed:
   * application before or after its decision, after its outcome.
   */
  @Test
  void ratesByGroupFromTheApplicationsWhateverTheArrivalOrder() {
    MonitorState s = state(100);
    // Women: clients 1-4.
    s.application(application("HC-1", 1, "F", 30, "Married"));
    s.decision(decision(1, 0.1, 0, 0, 0));
    s.decision(decision(2, 0.2, 0, 0, 0));
    s.application(application("HC-2", 2, "F", 30, "Married"));
    s.decision(decision(3, 0.3, 0, 0, 0));
    s.outcome(outcome(3, false));
    s.application(application("HC-3", 3, "F", 30, "Married"));
    s.outcome(outcome(4, true));
    s.application(application("HC-4", 4, "F", 30, "Married"));
    s.decision(decision(4, 0.9, 0, 0, 0));
    s.outcome(outcome(1, true));
    s.outcome(outcome(2, false));
    // Men: clients 5-8.
    for (int c = 5; c <= 8; c++) {
      s.decision(decision(c, c == 5 ? 0.2 : 0.8, 0, 0, 0));
      s.application(application("HC-" + c, c, "M", 50, "Single / not married"));
    }
    s.outcome(outcome(6, true));
    s.outcome(outcome(5, false));
    // A decision whose application never came counts nowhere; an application without decision
    // neither.
    s.decision(decision(9, 0.9, 0, 0, 0));
    s.application(application("HC-10", 10, "F", 30, "Widow"));

    MonitorState.Result r = s.snapshot(T0);
    MonitoringSnapshot snap = r.snapshot();

    assertThat(snap.getFairness())
        .extracting(
            FairnessGroup::getAttribute, FairnessGroup::getGroup, FairnessGroup::getDecisions)
        .containsExactly(
            tuple("gender", "F", 4L),
            tuple("gender", "M", 4L),
            tuple("age_band", "26-35", 4L),
            tuple("age_band", "46-55", 4L),
            tuple("family_status", "Married", 4L),
            tuple("family_status", "Single / not married", 4L));
    FairnessGroup f = group(snap, "gender", "F");
    assertThat(f.getApprovalRate()).isEqualTo(0.75);
    assertThat(f.getOutcomesKnown()).isEqualTo(4);
    assertThat(f.getDefaultRate()).isEqualTo(0.5);
    // Defaulters: one granted, one refused; repayers: both granted.
    assertThat(f.getTruePositiveRate()).isEqualTo(0.5);
    assertThat(f.getFalsePositiveRate()).isEqualTo(0.0);
    assertThat(f.getDisparateImpact()).isEqualTo(1.0);
    assertThat(f.getFourFifthsFlag()).isFalse();
    FairnessGroup m = group(snap, "gender", "M");
    assertThat(m.getApprovalRate()).isEqualTo(0.25);
    assertThat(m.getOutcomesKnown()).isEqualTo(2);
    assertThat(m.getDefaultRate()).isEqualTo(0.5);
    assertThat(m.getTruePositiveRate()).isEqualTo(1.0);
    assertThat(m.getFalsePositiveRate()).isEqualTo(0.0);
    // No group has 100 decisions: the reference is the best of all, F's 0.75.
    assertThat(m.getDisparateImpact()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(m.getFourFifthsFlag()).isTrue();
    assertThat(group(snap, "age_band", "46-55").getDisparateImpact())
        .isCloseTo(1.0 / 3, within(1e-12));
    // Flagged, but 4 decisions say nothing: no alert.
    assertThat(fairnessAlerts(r)).isEmpty();
  }

  /**
   * Group B granted 90 of 150 (60%), group A 180 of 200 (90%): ratio 2/3, flagged; 0.6 - 0.8 × 0.9
   * = -0.12, its standard error √(0.6·0.4/150 + 0.64·0.9·0.1/200) = 0.0435, the upper bound -0.12 +
   * 1.645 × 0.0435 = -0.048 stays below zero: one alert, and none again while it holds.
   */
  @Test
  void aGroupFlaggedBeyondChanceWithEnoughDecisionsRaisesOneAlertWhileItHolds() {
    MonitorState s = state(100);
    long client = 0;
    for (int i = 0; i < 200; i++, client++) {
      s.application(application("HC-" + client, client, "A", 40, "Married"));
      s.decision(decision(client, i < 180 ? 0.1 : 0.9, 0, 0, 0));
    }
    for (int i = 0; i < 150; i++, client++) {
      s.application(application("HC-" + client, client, "B", 40, "Married"));
      s.decision(decision(client, i < 90 ? 0.1 : 0.9, 0, 0, 0));
    }

    MonitorState.Result first = s.snapshot(T0);

    FairnessGroup b = group(first.snapshot(), "gender", "B");
    assertThat(b.getApprovalRate()).isEqualTo(0.6);
    assertThat(b.getDisparateImpact()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(b.getFourFifthsFlag()).isTrue();
    assertThat(b.getOutcomesKnown()).isZero();
    assertThat(b.getDefaultRate()).isNull();
    assertThat(b.getTruePositiveRate()).isNull();
    assertThat(group(first.snapshot(), "family_status", "Married").getFourFifthsFlag()).isFalse();
    assertThat(fairnessAlerts(first))
        .singleElement()
        .satisfies(MonitorFairnessTest::isFairnessAlertOnB);
    assertThat(fairnessAlerts(s.snapshot(T0.plusSeconds(1)))).isEmpty();
  }

  /** The fairness alerts only (these crafted windows also drift, which is not the point here). */
  static List<ModelAlert> fairnessAlerts(MonitorState.Result r) {
    return r.alerts().stream().filter(a -> a.getKind() == AlertKind.FAIRNESS).toList();
  }

  static void isFairnessAlertOnB(ModelAlert a) {
    assertThat(a.getKind()).isEqualTo(AlertKind.FAIRNESS);
    assertThat(a.getValue()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(a.getThreshold()).isEqualTo(0.8);
    assertThat(a.getMessage()).contains("gender B granted 60.0% of 150 decisions").contains("A");
  }

  /**
   * Flagged by the rule but not beyond chance (70 of 100 against 90 of 100: ratio 0.78, upper bound
   * -0.02 + 1.645 × 0.0517 = +0.065), or beyond chance but on too few decisions (10 of 50): flagged
   * in the snapshot, no alert. A group of 3 all granted does not set the bar.
   */
  @Test
  void aFlagOnFewDecisionsOrWithinChanceRaisesNoAlertAndATinyGroupSetsNoBar() {
    MonitorState s = state(100);
    long client = 0;
    String[] groups = {"A", "B", "C", "D"};
    int[] sizes = {100, 100, 50, 3};
    int[] granted = {90, 70, 10, 3};
    for (int g = 0; g < groups.length; g++) {
      for (int i = 0; i < sizes[g]; i++, client++) {
        s.application(application("HC-" + client, client, groups[g], 40, "Married"));
        s.decision(decision(client, i < granted[g] ? 0.1 : 0.9, 0, 0, 0));
      }
    }

    MonitorState.Result r = s.snapshot(T0);

    MonitoringSnapshot snap = r.snapshot();
    assertThat(group(snap, "gender", "A").getDisparateImpact()).isEqualTo(1.0);
    assertThat(group(snap, "gender", "B").getDisparateImpact()).isCloseTo(7.0 / 9, within(1e-12));
    assertThat(group(snap, "gender", "B").getFourFifthsFlag()).isTrue();
    assertThat(group(snap, "gender", "C").getFourFifthsFlag()).isTrue();
    // D (3 of 3) is above the reference: a ratio over 1, not the bar for the others.
    assertThat(group(snap, "gender", "D").getDisparateImpact()).isCloseTo(10.0 / 9, within(1e-12));
    assertThat(fairnessAlerts(r)).isEmpty();
  }

  @Test
  void groupsAndWaitingApplicationsAreBounded() {
    MonitorState s =
        new MonitorState(
            MonitorStateTest.detector(),
            MonitorStateTest.reference(),
            MonitorStateTest.card(),
            MonitorStateTest.VERSION,
            MonitorSettings.DEFAULT
                .withWindow(10, 5)
                .withInterval(Duration.ofSeconds(1))
                .withLimits(50, 50));
    // 1,000 applications with 1,000 different genders, no decision yet.
    for (int c = 0; c < 1000; c++) {
      s.application(application("HC-" + c, c, "G" + c, 40, "x".repeat(500)));
    }
    assertThat(s.sizes().applications()).isEqualTo(50);
    assertThat(s.applicationsUnmatched()).isEqualTo(950);
    // Decisions for every one: only the latest 50 applications are still there to join.
    for (int c = 0; c < 1000; c++) {
      s.decision(decision(c, 0.1, 0, 0, 0));
    }
    MonitoringSnapshot snap = s.snapshot(T0).snapshot();
    List<FairnessGroup> genders =
        snap.getFairness().stream().filter(g -> g.getAttribute().equals("gender")).toList();
    assertThat(genders.stream().mapToLong(FairnessGroup::getDecisions).sum()).isEqualTo(50);
    // The first 16 distinct values are groups, every later one "other"; applications 950-999
    // came after them: all "other".
    assertThat(genders).extracting(FairnessGroup::getGroup).containsExactly("other");
    assertThat(group(snap, "family_status", "x".repeat(48)).getDecisions()).isEqualTo(50);
    assertThat(snap.getFairness()).hasSizeLessThanOrEqualTo(3 * (16 + 1));
    assertThat(s.sizes().applications()).isZero();
  }

  @Test
  void anApplicationIdTooLongToBeAKeyIsRefusedAndNotKept() {
    // The fuzz test's 64 KiB applications: their ids, kept as keys, grew the heap by ~7 MB per
    // 5,000 bad records although the map's entries were bounded.
    MonitorState s =
        new MonitorState(
            MonitorStateTest.detector(),
            MonitorStateTest.reference(),
            MonitorStateTest.card(),
            MonitorStateTest.VERSION,
            MonitorSettings.DEFAULT);
    String longId = "A".repeat(MonitorState.MAX_APPLICATION_ID + 1);
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> s.application(application(longId, 1, "F", 30, "Married")))
        .withMessageContaining("application_id must have 1 to 128 characters");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> s.application(application("", 2, "F", 30, "Married")));
    assertThat(s.sizes().applications()).isZero();
    s.application(application("A".repeat(MonitorState.MAX_APPLICATION_ID), 3, "F", 30, "Married"));
    assertThat(s.sizes().applications()).isEqualTo(1);
  }

  @Test
  void anApplicationReadAfterItsDecisionWasDecidedAgainKeepsItsGroups() {
    MonitorState s = state(100);
    s.decision(decision(1, 0.9, 0, 0, 0));
    s.application(application("HC-1", 1, "F", 60, "Widow"));
    // The same application decided again (re-processed): it keeps the groups read before.
    s.decision(decision(1, 0.1, 0, 0, 0));
    s.outcome(outcome(1, false));
    s.decision(decision(1, 0.9, 0, 0, 0));

    FairnessGroup f = group(s.snapshot(T0).snapshot(), "age_band", "56+");
    assertThat(f.getDecisions()).isEqualTo(1);
    assertThat(f.getApprovalRate()).isEqualTo(0.0);
    assertThat(f.getFalsePositiveRate()).isEqualTo(1.0);
  }

  @Test
  void theCountsAloneByHand() {
    FairnessTable.Counts c = FairnessTable.counts();
    // F: a defaulter granted, a repayer refused; M: one granted, outcome unknown.
    c.add(new FairnessRow("F", 30, "Married", true, true));
    c.add(new FairnessRow("F", 30, "Married", false, false));
    c.add(new FairnessRow("M", 30, "Married", true, null));
    List<fr.pretadepenser.scoring.model.fairness.FairnessGroup> rates =
        c.groups(1).stream().filter(g -> g.attribute().equals("gender")).toList();
    assertThat(rates).hasSize(2);
    var f = rates.get(0);
    assertThat(f.approvalRate()).isEqualTo(0.5);
    assertThat(f.truePositiveRate()).isEqualTo(0.0);
    assertThat(f.falsePositiveRate()).isEqualTo(1.0);
    assertThat(f.disparateImpact()).isEqualTo(0.5);
    assertThat(c.reference("gender", 1)).isEqualTo("M");
    assertThat(rates.get(1).defaultRate()).isNull();
  }
}
