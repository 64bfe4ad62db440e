package fr.pretadepenser.scoring.dashboard.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.AlertKind;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Monitoring page's bounded view: capacities, order, the latest snapshot. */
class MonitoringViewTest {

  @Test
  void keepsTheNewestSnapshotsAndAlertsWithinItsCapacities() {
    MonitoringView view = new MonitoringView(3, 2);
    assertThat(view.latest()).isNull();
    assertThat(view.series()).isEmpty();
    assertThat(view.alerts(10)).isEmpty();
    List<String> features = List.of("A", "B");
    for (int i = 1; i <= 5; i++) {
      view.onSnapshot(
          MonitoringEvents.snapshot(
              Instant.ofEpochSecond(i * 60), features, Set.of(), 0.1 * i, 0.7, i, null));
      view.onAlert(
          MonitoringEvents.alert(
              Instant.ofEpochSecond(i * 60), AlertKind.SCORE_DRIFT, i, 0.2, "alert " + i));
    }
    assertThat(view.snapshots()).isEqualTo(5);
    assertThat(view.alertCount()).isEqualTo(5);
    assertThat(view.series())
        .extracting(MonitoringView.Point::outcomesKnown)
        .containsExactly(3, 4, 5);
    assertThat(view.alerts(10))
        .extracting(MonitoringView.Alert::message)
        .containsExactly("alert 5", "alert 4");
    assertThat(view.alerts(1)).hasSize(1);
    assertThat(view.latest().getOutcomesKnown()).isEqualTo(5);
  }

  @Test
  void valuesThatCouldNotBeComputedAreNull() {
    MonitoringView view = new MonitoringView(10, 10);
    view.onSnapshot(
        MonitoringEvents.snapshot(
            Instant.EPOCH, List.of("A"), Set.of("A"), Double.NaN, Double.NaN, 0, null));
    MonitoringView.Point p = view.series().get(0);
    assertThat(p.approvalRate()).isNull();
    assertThat(p.referenceApprovalRate()).isNull();
    assertThat(p.realisedAuc()).isNull();
    assertThat(p.datasetDrift()).isTrue();
    assertThat(p.driftedShare()).isEqualTo(1.0);
  }
}
