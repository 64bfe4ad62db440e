package fr.pretadepenser.scoring.dashboard.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.dashboard.timeline.Timelines.Kind;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.LoanOutcome;
import fr.pretadepenser.scoring.events.OverrideCategory;
import fr.pretadepenser.scoring.events.OversightAction;
import fr.pretadepenser.scoring.events.Reason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timelines' store: order, what is shown, the three bounds, overrides and outcomes. */
class TimelinesTest {

  static final Instant T0 = Instant.parse("2026-01-10T09:00:00Z");

  static LoanApplication application(long client, String id, Instant at, double credit) {
    LoanApplication a = new LoanApplication();
    a.setApplicationId(id);
    a.setSKIDCURR(client);
    a.setSubmittedAt(at);
    a.setNAMECONTRACTTYPE("Cash loans");
    a.setAMTINCOMETOTAL(150_000);
    a.setAMTCREDIT(credit);
    a.setAMTANNUITY(credit / 20);
    return a;
  }

  static Decision decision(long client, String id, Instant at, double p) {
    return Decision.newBuilder()
        .setApplicationId(id)
        .setSKIDCURR(client)
        .setProbability(p)
        .setDecision(p < 0.5 ? DecisionOutcome.GRANTED : DecisionOutcome.REFUSED)
        .setThreshold(0.5)
        .setModelVersion("v1")
        .setFeatures(List.of(1f))
        .setReceivedAt(at)
        .setDecidedAt(at)
        .setDecisionId("d-" + id)
        .build();
  }

  static ExplainedDecision explained(Decision d, Instant at) {
    List<Reason> reasons = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      reasons.add(
          Reason.newBuilder()
              .setFeature("F" + i)
              .setDescription("")
              .setContribution(0.5 - i * 0.1)
              .setText("t")
              .setCode(i == 0 ? "EXTERNAL_SCORES" : "")
              .build());
    }
    return ExplainedDecision.newBuilder()
        .setDecision(d)
        .setBaseValue(-2)
        .setContributions(List.of(0.5))
        .setReasons(reasons)
        .setExplainedAt(at)
        .build();
  }

  static DecisionOverride override(long client, String app, long seq, Instant at, String reason) {
    return DecisionOverride.newBuilder()
        .setSequence(seq)
        .setOverrideId("o-" + seq)
        .setAction(OversightAction.OVERRIDE)
        .setApplicationId(app)
        .setSKIDCURR(client)
        .setDecisionId("d-" + app)
        .setFromDecision(DecisionOutcome.REFUSED)
        .setToDecision(DecisionOutcome.GRANTED)
        .setCategory(OverrideCategory.INCOME_VERIFIED)
        .setReason(reason)
        .setActor("supervisor")
        .setActorRole("SUPERVISOR")
        .setAt(at)
        .setModelVersion("v1")
        .setProbability(0.6)
        .setThreshold(0.5)
        .setPreviousHash("0".repeat(64))
        .setHash("1".repeat(64))
        .build();
  }

  static LoanOutcome outcome(long client, String app, Instant at, boolean defaulted) {
    return LoanOutcome.newBuilder()
        .setSKIDCURR(client)
        .setApplicationId(app)
        .setDefaulted(defaulted)
        .setKnownAt(at)
        .build();
  }

  @Test
  void everyKindOfEventOldestFirstWhateverTheOrderTheTopicsAreReadIn() {
    Timelines t = new Timelines(10, 64, 1000, 100);
    // Read out of time order, as five topics read side by side are.
    t.onOutcome(outcome(7, "a1", T0.plusSeconds(86_400 * 90), false));
    t.onOverride(override(7, "a2", 0, T0.plusSeconds(7200), "income checked on payslips"));
    Decision d2 = decision(7, "a2", T0.plusSeconds(3600), 0.61);
    t.onDecision(d2, 0, 5);
    t.onApplication(application(7, "a2", T0.plusSeconds(3590), 300_000), 0, 4);
    Decision d1 = decision(7, "a1", T0.plusSeconds(10), 0.2);
    t.onExplained(explained(d1, T0.plusSeconds(12)));
    t.onApplication(application(7, "a1", T0, 100_000), 1, 1);
    t.onDecision(d1, 1, 2);
    // The same records read again (a reader restarted past them) change nothing.
    t.onDecision(d1, 1, 2);
    t.onOverride(override(7, "a2", 0, T0.plusSeconds(7200), "income checked on payslips"));
    t.onOutcome(outcome(7, "a1", T0.plusSeconds(86_400 * 90), false));

    Timelines.Snapshot s = t.timeline(7).orElseThrow();
    assertThat(s.events())
        .extracting(Timelines.Event::kind)
        .containsExactly(
            Kind.APPLICATION,
            Kind.DECISION,
            Kind.EXPLANATION,
            Kind.APPLICATION,
            Kind.DECISION,
            Kind.OVERRIDE,
            Kind.OUTCOME);
    assertThat(s.events())
        .extracting(Timelines.Event::applicationId)
        .containsExactly("a1", "a1", "a1", "a2", "a2", "a2", "a1");
    assertThat(s.events()).extracting(Timelines.Event::at).isSorted();
    assertThat(s.events().get(0).application().credit()).isEqualTo(100_000);
    assertThat(s.events().get(1).decision().probability()).isEqualTo(0.2);
    // At most four reasons, the explainer's first four, in its order.
    assertThat(s.events().get(2).reasons())
        .extracting(Timelines.ReasonCode::feature)
        .containsExactly("F0", "F1", "F2", "F3");
    Timelines.TimelineOverride o = s.events().get(5).override();
    assertThat(o.actor()).isEqualTo("supervisor");
    assertThat(o.reason()).isEqualTo("income checked on payslips");
    assertThat(o.fromDecision()).isEqualTo("REFUSED");
    assertThat(o.toDecision()).isEqualTo("GRANTED");
    assertThat(o.category()).isEqualTo("INCOME_VERIFIED");
    assertThat(s.events().get(6).defaulted()).isFalse();
    assertThat(s.dropped()).isZero();
    assertThat(t.withOutcome()).containsEntry(7L, false);
  }

  @Test
  void anApplicationIsShownOnlyOnceDecidedAndNeverWhenTheScorerRejectedIt() {
    Timelines t = new Timelines(10, 64, 1000, 100);
    // A forged application keyed to client 8 but saying it is client 9: the scorer dead-letters it.
    t.onApplication(application(9, "forged", T0, 1e9), 0, 0);
    t.onApplicationRejected(0, 0);
    t.onApplication(application(9, "waiting", T0, 50_000), 0, 1);
    assertThat(t.timeline(9)).isEmpty();
    // A dead letter read before its application: the application is never taken.
    t.onApplicationRejected(1, 7);
    t.onApplication(application(9, "late-forged", T0, 1e9), 1, 7);
    t.onDecision(decision(9, "late-forged", T0.plusSeconds(1), 0.1), -1, -1);
    t.onDecision(decision(9, "waiting", T0.plusSeconds(2), 0.1), 0, 3);
    assertThat(t.timeline(9).orElseThrow().events())
        .extracting(e -> e.kind() + ":" + e.applicationId())
        .containsExactly("APPLICATION:waiting", "DECISION:late-forged", "DECISION:waiting");
  }

  @Test
  void aDecisionTheExplainerRejectedIsMarkedByItsPosition() {
    Timelines t = new Timelines(10, 64, 1000, 100);
    t.onDecision(decision(5, "a", T0, 0.1), 0, 10);
    t.onDecision(decision(5, "b", T0.plusSeconds(5), 0.2), 0, 11);
    t.onDecisionRejected(0, 10, "explainer/check: SHAP sum");
    // Read before its decision, too.
    t.onDecisionRejected(1, 3, "explainer/check: forged");
    t.onDecision(decision(6, "c", T0, 0.3), 1, 3);
    List<Timelines.Event> e5 = t.timeline(5).orElseThrow().events();
    assertThat(e5.get(0).decision().rejection()).isEqualTo("explainer/check: SHAP sum");
    assertThat(e5.get(1).decision().rejection()).isNull();
    assertThat(t.timeline(6).orElseThrow().events().get(0).decision().rejection())
        .isEqualTo("explainer/check: forged");
    // Its explanation, if one came under the same id, is not its own.
    t.onExplained(explained(decision(5, "a", T0, 0.1), T0.plusSeconds(1)));
    assertThat(t.timeline(5).orElseThrow().events()).hasSize(2);
  }

  @Test
  void boundedPerClientInClientsAndInEventsOldestDroppedFirst() {
    Timelines t = new Timelines(3, 4, 10, 2);
    for (int i = 0; i < 6; i++) {
      t.onDecision(decision(1, "a" + i, T0.plusSeconds(i), 0.1 * i), -1, -1);
    }
    Timelines.Snapshot one = t.timeline(1).orElseThrow();
    assertThat(one.events())
        .extracting(Timelines.Event::applicationId)
        .containsExactly("a2", "a3", "a4", "a5");
    assertThat(one.dropped()).isEqualTo(2);
    // Three more clients: the least recently updated one (client 1) goes.
    for (long c = 2; c <= 4; c++) {
      t.onDecision(decision(c, "x" + c, T0, 0.1), -1, -1);
    }
    assertThat(t.clients()).containsExactlyInAnyOrder(2L, 3L, 4L);
    // The events bound: 3 clients of 4 events would be 12 > 10.
    for (long c : new long[] {4, 2, 3}) {
      for (int i = 0; i < 3; i++) {
        t.onDecision(decision(c, "y" + c + i, T0.plusSeconds(i + 1), 0.1), -1, -1);
      }
    }
    // Client 3's second event made 11: client 4, updated before 2, went (4 events).
    assertThat(t.events()).isEqualTo(8);
    assertThat(t.clients()).containsExactlyInAnyOrder(2L, 3L);
    // Pending applications are bounded too: the oldest forgotten.
    t.onApplication(application(20, "p1", T0, 1), 0, 100);
    t.onApplication(application(20, "p2", T0, 1), 0, 101);
    t.onApplication(application(20, "p3", T0, 1), 0, 102);
    t.onDecision(decision(20, "p1", T0, 0.1), -1, -1);
    assertThat(t.timeline(20).orElseThrow().events())
        .extracting(Timelines.Event::kind)
        .containsExactly(Kind.DECISION);
    assertThatThrownBy(() -> new Timelines(1, 10, 5, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stringsFromTheTopicsAreCut() {
    Timelines t = new Timelines(10, 64, 1000, 100);
    t.onOverride(override(3, "a".repeat(5000), 1, T0, "r".repeat(100_000)));
    Timelines.Event e = t.timeline(3).orElseThrow().events().get(0);
    assertThat(e.override().reason()).hasSize(Timelines.REASON_CHARS);
    assertThat(e.applicationId()).hasSize(Timelines.TEXT_CHARS);
  }
}
