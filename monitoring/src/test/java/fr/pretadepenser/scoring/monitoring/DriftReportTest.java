package fr.pretadepenser.scoring.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.model.ReferenceDistributions;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftReportTest {

  private static DatasetDrift drift() {
    DriftDetector detector =
        new DriftDetector(
            new ReferenceDistributions(
                101,
                List.of(
                    DriftDetectorTest.zeroToHundred("same"),
                    DriftDetectorTest.zeroToHundred("shifted"),
                    DriftDetectorTest.zeroToHundred("gone")),
                DriftDetectorTest.zeroToHundred("score")),
            List.of(
                DriftDetectorTest.info("same"),
                DriftDetectorTest.info("shifted"),
                DriftDetectorTest.info("gone")),
            List.of(FeatureKind.NUMERIC, FeatureKind.NUMERIC, FeatureKind.NUMERIC),
            new double[] {1, 3, 1},
            DriftThresholds.DEFAULT);
    return detector.compare(DriftDetectorTest.rows(i -> i, i -> i + 30, i -> Double.NaN), 101);
  }

  private static final ReportContext CONTEXT =
      new ReportContext("lgbm-test", "data/new <clients>", "2025-01-01T00:00:00Z");

  @Test
  void jsonHasTheVerdictAndAnEntryPerFeature() throws Exception {
    JsonNode json = new ObjectMapper().readTree(DriftReport.json(drift(), CONTEXT));
    assertThat(json.get("dataset_drift").asBoolean()).isTrue();
    assertThat(json.get("drifted_features").asInt()).isEqualTo(2);
    assertThat(json.get("compared_features").asInt()).isEqualTo(3);
    assertThat(json.get("model_version").asText()).isEqualTo("lgbm-test");
    JsonNode features = json.get("features");
    assertThat(features).hasSize(3);
    // Drifted first, the more important (shifted, 3 of 5) before gone (1 of 5).
    assertThat(features.get(0).get("feature").asText()).isEqualTo("shifted");
    assertThat(features.get(0).get("drift").asBoolean()).isTrue();
    // 30 / 29.300171 = 1.023885: every quantile moved by 30 (to 1%, see DriftDetectorTest).
    assertThat(features.get(0).get("statistic").asDouble())
        .isCloseTo(1.023885, withinPercentage(1));
    assertThat(features.get(0).get("method").asText()).isEqualTo("wasserstein");
    assertThat(features.get(0).get("importance").asDouble()).isEqualTo(0.6);
    // No current value: the statistic is null, not NaN (which is not JSON).
    assertThat(features.get(1).get("feature").asText()).isEqualTo("gone");
    assertThat(features.get(1).get("statistic").isNull()).isTrue();
    assertThat(features.get(1).get("drift").asBoolean()).isTrue();
    assertThat(features.get(2).get("feature").asText()).isEqualTo("same");
    assertThat(features.get(2).get("statistic").asDouble()).isZero();
    assertThat(features.get(2).get("bins")).hasSize(11);
  }

  @Test
  void htmlIsSelfContainedWithAChartPerDriftedFeature() {
    String html = DriftReport.html(drift(), CONTEXT);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("Dataset drift detected");
    assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain(" src=");
    // Escaped, not injected.
    assertThat(html).contains("data/new &lt;clients&gt;");
    assertThat(html.split("<svg", -1)).hasSize(1 + 2);
    assertThat(html).contains("id=\"chart-shifted\"").contains("id=\"chart-gone\"");
    assertThat(html).doesNotContain("id=\"chart-same\"");
  }
}
