package fr.pretadepenser.scoring.dashboard.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's bounded view: capacities, search, counts. */
class DashboardViewTest {

  static Decision decision(long client, String app, boolean granted) {
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
}
