package fr.pretadepenser.scoring.dashboard.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.schemas.TrustedEventClasses;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's bounded view: capacities, search, counts. */
class DashboardViewTest {

  static Decision decision(long client, String app, boolean granted) {
    // Decision v5's history_presence default is an array of records: Avro must trust the class.
    TrustedEventClasses.install();
    return Decision.newBuilder()
        .setApplicationId(app)
        .setSKIDCURR(client)
        .setProbability(granted ? 0.1 : 0.9)
        .setDecision(granted ? DecisionOutcome.GRANTED : DecisionOutcome.REFUSED)
        .setThreshold(0.5)
        .setModelVersion("v")
        .setFeatures(List.of(1f, 2f))
        .setReceivedAt(Instant.EPOCH)
        .setDecidedAt(Instant.EPOCH.plusSeconds(client))
        .build();
  }

  @Test
  void boundedByCapacitiesNewestKept() {
    // What the view hands on to the live stream (the live package's feed, out of reach here).
    List<DecisionSummary> published = new ArrayList<>();
    DecisionStream feed = (kind, summary) -> published.add(summary);
    DashboardView view = new DashboardView(3, 4, feed, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    for (long c = 1; c <= 10; c++) {
      view.onDecision(decision(c, "a" + c, c % 2 == 0));
    }
    assertThat(view.recent(100))
        .extracting(DecisionRecord::applicationId)
        .containsExactly("a10", "a9", "a8");
    assertThat(view.client(10)).isPresent();
    assertThat(view.client(6)).isEmpty();
    assertThat(view.latestDecisions()).hasSize(4);
    DashboardView.Stats s = view.stats();
    assertThat(s.decisions()).isEqualTo(10);
    assertThat(s.approvalRate()).isEqualTo(0.5);
    assertThat(s.volume().get(s.volume().size() - 1)).isEqualTo(10);
    assertThat(published).hasSize(10);
    assertThat(view.search("1", 10))
        .extracting(DashboardView.ClientEntry::clientId)
        .containsExactly(10L);
    assertThat(view.search("9", 10))
        .extracting(DashboardView.ClientEntry::clientId)
        .containsExactly(9L);
  }

  @Test
  void aDecisionTheExplainerRejectedIsMarkedByItsPositionNotItsContent() {
    List<String> kinds = new ArrayList<>();
    DashboardView view =
        new DashboardView(
            10,
            10,
            10,
            (kind, summary) -> kinds.add(kind),
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    view.onDecision(decision(1, "a1", true), 0, 7);
    // The same content at another position (a copy): only the one at 0/8 is rejected.
    view.onDecision(decision(2, "a2", true), 0, 8);
    view.onDecisionRejected(0, 8, "explainer/invariant: off by 7.97");

    assertThat(view.client(2).orElseThrow().decision().verification())
        .isEqualTo(DecisionRecord.REJECTED);
    assertThat(view.client(2).orElseThrow().decision().rejection()).contains("off by 7.97");
    assertThat(view.client(1).orElseThrow().decision().verification())
        .isEqualTo(DecisionRecord.UNVERIFIED);
    assertThat(view.latestDecisions()).extracting(DecisionRecord::clientId).containsExactly(1L);
    assertThat(view.stats().decisions()).isEqualTo(1);
    assertThat(view.stats().rejectedDecisions()).isEqualTo(1);
    assertThat(kinds).containsExactly("decision", "decision", "rejected");

    // A dead letter read before its decision (the topics are read side by side) is remembered.
    view.onDecisionRejected(1, 3, "explainer/decode: bad");
    view.onDecision(decision(3, "a3", false), 1, 3);
    assertThat(view.client(3).orElseThrow().decision().verification())
        .isEqualTo(DecisionRecord.REJECTED);
    assertThat(view.stats().decisions()).isEqualTo(1);
  }

  @Test
  void historyAfterTheDecisionIsCountedFromTheLastTimesKept() {
    DashboardView view =
        new DashboardView(
            10, 10, 10, (kind, summary) -> {}, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    Instant decided = Instant.parse("2026-01-01T00:00:00Z");
    view.onHistory(5, decided.minusSeconds(1).toEpochMilli());
    view.onHistory(5, decided.plusSeconds(1).toEpochMilli());
    view.onHistory(5, decided.plusSeconds(2).toEpochMilli());
    assertThat(view.lateHistory(5, decided)).isEqualTo(new DashboardView.LateHistory(2, false));
    for (int i = 0; i < 40; i++) {
      view.onHistory(5, decided.plusSeconds(10 + i).toEpochMilli());
    }
    assertThat(view.lateHistory(5, decided))
        .isEqualTo(new DashboardView.LateHistory(DashboardView.HISTORY_TIMES, true));
    assertThat(view.lateHistory(6, decided)).isEqualTo(new DashboardView.LateHistory(0, false));
  }
}
