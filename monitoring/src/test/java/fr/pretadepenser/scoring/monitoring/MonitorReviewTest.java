package fr.pretadepenser.scoring.monitoring;

import static fr.pretadepenser.scoring.monitoring.MonitorStateTest.T0;
import static fr.pretadepenser.scoring.monitoring.MonitorStateTest.card;
import static fr.pretadepenser.scoring.monitoring.MonitorStateTest.decision;
import static fr.pretadepenser.scoring.monitoring.MonitorStateTest.detector;
import static fr.pretadepenser.scoring.monitoring.MonitorStateTest.outcome;
import static fr.pretadepenser.scoring.monitoring.MonitorStateTest.reference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.pretadepenser.scoring.events.AlertKind;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.MonitoringSnapshot;
import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.monitoring.live.MonitorSettings;
import fr.pretadepenser.scoring.monitoring.live.MonitorState;
import fr.pretadepenser.scoring.schemas.TrustedEventClasses;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * REVIEW decisions in the live monitor: a REVIEW is not granted by the model, so it counts with the
 * refusals in the realised cost (and fairness), and the approval rate of decisions made with a
 * review band is compared with the band's automatic-grant rate out of fold, not the threshold's.
 */
class MonitorReviewTest {

  static {
    // Decision's record-typed default (history_presence) is instantiated by class name, which
    // Avro refuses for untrusted classes; run alone, no serde has installed the trust yet.
    TrustedEventClasses.install();
  }

  /** Threshold 0.5 (MonitorStateTest's card), band [0.4, 0.6). */
  static Decision review(long client, double p) {
    Decision d = decision(client, p, 0, 0, 0);
    d.setDecision(DecisionOutcome.REVIEW);
    d.setReviewLow(0.4);
    d.setReviewHigh(0.6);
    return d;
  }

  static Decision grantedWithTheBand(long client, double p) {
    Decision d = decision(client, p, 0, 0, 0);
    d.setReviewLow(0.4);
    d.setReviewHigh(0.6);
    return d;
  }

  @Test
  void aReviewIsNotAGrantInTheRealisedCost() {
    MonitorState s = MonitorStateTest.state(10, 3);
    s.decision(decision(1, 0.1, 0, 0, 0));
    // Below and above the threshold, both in the band: neither granted by the model.
    s.decision(review(2, 0.45));
    s.decision(review(3, 0.55));
    s.outcome(outcome(1, false));
    s.outcome(outcome(2, true));
    s.outcome(outcome(3, false));

    MonitoringSnapshot snap = s.snapshot(T0).snapshot();

    assertThat(snap.getOutcomesKnown()).isEqualTo(3);
    // Client 3 repaid but was not granted (1); client 2 defaulted and was not granted (0). Counted
    // as a grant, client 2's REVIEW would cost 10.
    assertThat(snap.getRealisedCost()).isEqualTo(1.0);
    assertThat(snap.getApprovalRate()).isCloseTo(1 / 3.0, within(1e-12));
  }

  @Test
  void decisionsWithABandAreComparedWithTheBandsApprovalRate() {
    MonitorState s =
        new MonitorState(
            detector(),
            reference(),
            withBand(card(), 0.5),
            MonitorStateTest.VERSION,
            MonitorSettings.DEFAULT.withWindow(20, 20).withInterval(Duration.ofSeconds(1)));
    for (int c = 1; c <= 20; c++) {
      s.decision(c % 2 == 0 ? review(c, 0.45) : grantedWithTheBand(c, 0.2));
    }
    MonitorState.Result r = s.snapshot(T0);

    // Half granted, as the band grants half out of fold: no alert. Against the threshold's 70%
    // (the card's confusion) the gap of 20 points would raise one.
    assertThat(r.snapshot().getApprovalRate()).isEqualTo(0.5);
    assertThat(r.snapshot().getReferenceApprovalRate()).isEqualTo(0.5);
    assertThat(r.alerts()).extracting(a -> a.getKind()).doesNotContain(AlertKind.APPROVAL_RATE);
  }

  @Test
  void decisionsWithoutABandKeepTheThresholdsApprovalRate() {
    MonitorState s =
        new MonitorState(
            detector(),
            reference(),
            withBand(card(), 0.5),
            MonitorStateTest.VERSION,
            MonitorSettings.DEFAULT.withWindow(20, 20).withInterval(Duration.ofSeconds(1)));
    for (int c = 1; c <= 20; c++) {
      s.decision(decision(c, c <= 14 ? 0.2 : 0.7, 0, 0, 0));
    }
    MonitoringSnapshot snap = s.snapshot(T0).snapshot();
    assertThat(snap.getReferenceApprovalRate()).isCloseTo(0.7, within(1e-12));
    assertThat(snap.getApprovalRate()).isCloseTo(0.7, within(1e-12));
  }

  /** {@code card} with a review band [0.4, 0.6) that grants {@code grantedShare} out of fold. */
  static ModelCard withBand(ModelCard card, double grantedShare) {
    ModelCard.ReviewBandChoice band =
        new ModelCard.ReviewBandChoice(
            0.4, 0.6, "test", 0.2, "option", null, null, 20, 2, 30.0, 31.0, 30.5, grantedShare);
    try {
      RecordComponent[] parts = ModelCard.class.getRecordComponents();
      Object[] values = new Object[parts.length];
      Class<?>[] types = new Class<?>[parts.length];
      for (int i = 0; i < parts.length; i++) {
        values[i] = parts[i].getAccessor().invoke(card);
        types[i] = parts[i].getType();
        if (parts[i].getName().equals("reviewBand")) {
          values[i] = band;
        }
      }
      return ModelCard.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
