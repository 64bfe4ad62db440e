package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import fr.pretadepenser.scoring.dashboard.model.ModelService;
import fr.pretadepenser.scoring.dashboard.monitoring.MonitoringController;
import fr.pretadepenser.scoring.dashboard.monitoring.MonitoringEvents;
import fr.pretadepenser.scoring.dashboard.monitoring.MonitoringView;
import fr.pretadepenser.scoring.events.AlertKind;
import fr.pretadepenser.scoring.events.FairnessGroup;
import fr.pretadepenser.scoring.explain.FeatureDescriptions;
import fr.pretadepenser.scoring.features.FeatureInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code GET /api/monitoring} over HTTP on the running dashboard (see {@link TestDashboard}), with
 * snapshots and alerts published to the embedded broker as the live monitor publishes them.
 */
class MonitoringApiTest {

  static TestDashboard dashboard;
  static WebTestClient advisor;

  @BeforeAll
  static void start() throws InterruptedException {
    dashboard = TestDashboard.get();
    dashboard.awaitLoaded();
    advisor = dashboard.advisor();
  }

  @Test
  void needsTheLogin() {
    dashboard
        .anonymous()
        .get()
        .uri("/api/monitoring")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueMatches("WWW-Authenticate", "Basic.*");
    dashboard
        .anonymous()
        .get()
        .uri("/api/monitoring")
        .header("X-Requested-With", "XMLHttpRequest")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .doesNotExist("WWW-Authenticate");
  }

  @Test
  void beforeAnySnapshotTheStateIsEmpty() {
    // Read at the start, before any test published on model-monitoring.
    DocumentContext json = JsonPath.parse(dashboard.monitoringAtStart);
    Map<String, Object> page = json.read("$");
    assertThat(page).containsKey("latest");
    assertThat(page.get("latest")).isNull();
    assertThat(json.read("$.series", List.class)).isEmpty();
    assertThat(json.read("$.alerts", List.class)).isEmpty();
    assertThat(json.read("$.snapshots", Integer.class)).isZero();
    assertThat(json.read("$.language", String.class)).isEqualTo("en");
  }

  @Test
  void returnsTheLatestSnapshotItsHistoryAndTheAlerts() throws InterruptedException {
    MonitoringView view = dashboard.context.getBean(MonitoringView.class);
    long snapshotsBefore = view.snapshots();
    long alertsBefore = view.alertCount();
    List<String> features =
        dashboard.context.getBean(ModelService.class).features().stream()
            .map(FeatureInfo::name)
            .limit(50)
            .toList();
    assertThat(features).hasSize(50);
    // Two of the less important features drift: they must come first in the page's list.
    String driftA = features.get(40);
    String driftB = features.get(45);
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant t1 = t0.plusSeconds(60);
    var first = MonitoringEvents.snapshot(t0, features, Set.of(driftA), 0.70, 0.72, 0, null);
    var second =
        MonitoringEvents.snapshot(
            t1, features, Set.of(driftA, driftB), 0.55, Double.NaN, 120, 0.74);
    // The monitor's fairness by group: a flagged family status, NaN where nothing is known.
    second.setFairness(
        List.of(
            fairness("gender", "F", 600, 0.6, 0.9, 1.0, false),
            fairness("family_status", "Separated", 150, 0.45, Double.NaN, 0.75, true)));
    var older =
        MonitoringEvents.alert(
            t0, AlertKind.SCORE_DRIFT, 0.27, 0.2, "Score drift: the probabilities moved");
    var newer =
        MonitoringEvents.alert(
            t1, AlertKind.APPROVAL_RATE, 0.55, 0.10, "Approval rate 55.0% over the last 1000");
    dashboard.publishMonitoring(List.of(first, second), List.of(older, newer));
    dashboard.awaitMonitoring(snapshotsBefore + 2, alertsBefore + 2);

    String body =
        advisor
            .get()
            .uri("/api/monitoring")
            .header("Accept-Language", "fr")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    DocumentContext json = JsonPath.parse(body);
    assertThat(json.read("$.language", String.class)).isEqualTo("fr");
    assertThat(json.read("$.snapshots", Long.class)).isEqualTo(snapshotsBefore + 2);

    // The latest snapshot, with camelCase fields.
    assertThat(Instant.parse(json.read("$.latest.computedAt", String.class))).isEqualTo(t1);
    assertThat(json.read("$.latest.modelVersion", String.class)).isEqualTo(MonitoringEvents.MODEL);
    assertThat(json.read("$.latest.windowDecisions", Integer.class)).isEqualTo(1000);
    assertThat(json.read("$.latest.datasetDrift", Boolean.class)).isFalse();
    assertThat(json.read("$.latest.driftedShare", Double.class)).isEqualTo(2.0 / 50);
    assertThat(json.read("$.latest.featuresCompared", Integer.class)).isEqualTo(50);
    assertThat(json.read("$.latest.featuresDrifted", Integer.class)).isEqualTo(2);
    assertThat(json.read("$.latest.scorePsi", Double.class)).isEqualTo(0.27);
    assertThat(json.read("$.latest.scoreDrift", Boolean.class)).isTrue();
    assertThat(json.read("$.latest.approvalRate", Double.class)).isEqualTo(0.55);
    // NaN (no out-of-fold reference) is not JSON: null.
    Map<String, Object> latest = json.read("$.latest");
    assertThat(latest).containsEntry("referenceApprovalRate", null);
    assertThat(json.read("$.latest.outcomesKnown", Integer.class)).isEqualTo(120);
    assertThat(json.read("$.latest.realisedAuc", Double.class)).isEqualTo(0.74);
    assertThat(json.read("$.latest.realisedCost", Double.class)).isEqualTo(48.0);
    assertThat(json.read("$.latest.realisedDefaultRate", Double.class)).isEqualTo(0.08);
    assertThat(json.read("$.latest.realisedAucLow", Double.class)).isCloseTo(0.69, within(1e-12));
    assertThat(json.read("$.latest.realisedAucHigh", Double.class)).isCloseTo(0.79, within(1e-12));

    // Fairness: the contract's snake_case keys, the group worded in French, NaN as null.
    List<Map<String, Object>> fairness = json.read("$.latest.fairness");
    assertThat(fairness).hasSize(2);
    assertThat(fairness.get(0))
        .containsEntry("attribute", "gender")
        .containsEntry("group", "F")
        .containsEntry("group_label", "Femme")
        .containsEntry("decisions", 600)
        .containsEntry("approval_rate", 0.6)
        .containsEntry("true_positive_rate", 0.9)
        .containsEntry("disparate_impact", 1.0)
        .containsEntry("four_fifths_flag", false);
    assertThat(fairness.get(1))
        .containsEntry("group_label", "Séparé(e)")
        .containsEntry("true_positive_rate", null)
        .containsEntry("disparate_impact", 0.75)
        .containsEntry("four_fifths_flag", true);

    // At most 30 features, the drifted first, then by importance, worded in French.
    List<String> listed = json.read("$.latest.features[*].feature");
    assertThat(listed).hasSize(MonitoringController.TOP_FEATURES);
    assertThat(listed.subList(0, 3)).containsExactly(driftA, driftB, features.get(0));
    assertThat(json.read("$.latest.features[0].drift", Boolean.class)).isTrue();
    assertThat(json.read("$.latest.features[2].drift", Boolean.class)).isFalse();
    assertThat(json.read("$.latest.features[0].method", String.class)).isEqualTo("wasserstein");
    assertThat(json.read("$.latest.features[0].statistic", Double.class)).isEqualTo(0.3);
    assertThat(json.read("$.latest.features[0].threshold", Double.class)).isEqualTo(0.1);
    FeatureDescriptions fr = FeatureDescriptions.french();
    assertThat(json.read("$.latest.features[0].label", String.class))
        .isEqualTo(fr.label(driftA))
        .isNotEqualTo(FeatureDescriptions.english().label(driftA));
    assertThat(json.read("$.latest.features[0].description", String.class))
        .isEqualTo(fr.describe(driftA));

    // The history, oldest first, ending with the two snapshots just published.
    List<Map<String, Object>> series = json.read("$.series");
    assertThat(series).hasSizeGreaterThanOrEqualTo(2);
    Map<String, Object> p0 = series.get(series.size() - 2);
    Map<String, Object> p1 = series.get(series.size() - 1);
    assertThat(Instant.parse((String) p0.get("computedAt"))).isEqualTo(t0);
    assertThat(Instant.parse((String) p1.get("computedAt"))).isEqualTo(t1);
    assertThat(p0).containsEntry("approvalRate", 0.70).containsEntry("referenceApprovalRate", 0.72);
    assertThat(p0).containsEntry("realisedAuc", null).containsEntry("outcomesKnown", 0);
    assertThat(p0).containsEntry("driftedShare", 1.0 / 50).containsEntry("datasetDrift", false);
    assertThat(p1).containsEntry("realisedAuc", 0.74).containsEntry("scorePsi", 0.27);
    assertThat(p1).containsEntry("referenceApprovalRate", null);

    // The alerts, newest first.
    List<Map<String, Object>> alerts = json.read("$.alerts");
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(2);
    assertThat(alerts.get(0))
        .containsEntry("kind", "APPROVAL_RATE")
        .containsEntry("value", 0.55)
        .containsEntry("threshold", 0.10)
        .containsEntry("message", "Approval rate 55.0% over the last 1000");
    assertThat(Instant.parse((String) alerts.get(0).get("raisedAt"))).isEqualTo(t1);
    assertThat(alerts.get(1)).containsEntry("kind", "SCORE_DRIFT");

    // English texts for an English page.
    advisor
        .get()
        .uri("/api/monitoring")
        .header("Accept-Language", "en")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.language")
        .isEqualTo("en")
        .jsonPath("$.latest.features[0].label")
        .isEqualTo(FeatureDescriptions.english().label(driftA));
  }

  static FairnessGroup fairness(
      String attribute,
      String group,
      long decisions,
      double approval,
      double tpr,
      double impact,
      boolean flag) {
    return FairnessGroup.newBuilder()
        .setAttribute(attribute)
        .setGroup(group)
        .setDecisions(decisions)
        .setApprovalRate(approval)
        .setOutcomesKnown(decisions / 2)
        .setDefaultRate(0.08)
        .setTruePositiveRate(tpr)
        .setFalsePositiveRate(0.1)
        .setDisparateImpact(impact)
        .setFourFifthsFlag(flag)
        .build();
  }

  @Test
  void theOpenApiDescriptionListsIt() {
    advisor
        .get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(
            doc ->
                assertThat(doc)
                    .contains("/api/monitoring")
                    .contains("latest monitoring snapshot")
                    .contains("referenceApprovalRate")
                    .contains("four_fifths_flag")
                    .contains("exclusion_comparison"));
  }
}
