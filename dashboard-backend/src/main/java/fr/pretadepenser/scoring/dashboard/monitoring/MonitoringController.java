package fr.pretadepenser.scoring.dashboard.monitoring;

import fr.pretadepenser.scoring.dashboard.model.Explanations;
import fr.pretadepenser.scoring.dashboard.model.Fairness;
import fr.pretadepenser.scoring.events.FeatureDrift;
import fr.pretadepenser.scoring.events.MonitoringSnapshot;
import fr.pretadepenser.scoring.explain.FeatureDescriptions;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Monitoring page: the latest snapshot of the live monitor (data drift, score drift, approval
 * rate, realised performance), the history of snapshots for the charts, and the recent alerts.
 * Feature texts are in the language of the request's Accept-Language (French or English).
 */
@RestController
public class MonitoringController {

  /** How many features of the latest snapshot the page lists: the drifted first. */
  public static final int TOP_FEATURES = 30;

  /** How many alerts the page lists, newest first. */
  static final int ALERTS = 50;

  /**
   * One feature's drift between the training reference and the window.
   *
   * @param label a short name, in the request's language
   * @param description what the feature means, in the request's language
   * @param method {@code wasserstein} (numeric, normalised), {@code jensenshannon} (categorical) or
   *     {@code none} (no reference to compare with)
   * @param statistic the method's distance between the reference and the window
   * @param threshold above it, the feature drifts
   * @param importance the feature's share of the model's global importance
   */
  record FeatureView(
      String feature,
      String label,
      String description,
      String method,
      Double statistic,
      Double threshold,
      boolean drift,
      Double importance) {}

  /**
   * The latest snapshot.
   *
   * @param windowDecisions decisions in the sliding window the drift is computed on
   * @param featuresCompared features compared with the reference (those with a method)
   * @param featuresDrifted of which drift
   * @param features the drifted features first, then the most important, at most {@value
   *     #TOP_FEATURES}; empty while the window is too small to compare
   * @param scorePsi PSI of the window's probabilities against the training out-of-fold ones; null
   *     while the window is too small
   * @param approvalRate share of the window's decisions that granted; null while too small
   * @param referenceApprovalRate share granted at the threshold on the out-of-fold predictions
   * @param outcomesKnown decisions whose outcome (repaid or defaulted) has arrived
   * @param realisedAuc ROC AUC over those decisions; null until both outcomes occur
   * @param realisedCost business cost of those decisions (as in training); null without outcomes
   * @param realisedDefaultRate share of those outcomes that defaulted; null without outcomes
   * @param realisedAucLow lower end of the AUC's 90% confidence interval (DeLong); null with fewer
   *     than two outcomes of either kind
   * @param realisedAucHigh upper end of that interval; the performance alert holds only when it is
   *     below the floor
   * @param fairness approval and error rates by group of gender, age band and family status over
   *     the decisions the monitor keeps, the four-fifths rule flagged (the contract's snake_case
   *     keys, as on the Model page); empty before the monitor computed any
   */
  record Latest(
      String modelVersion,
      Instant computedAt,
      int windowDecisions,
      boolean datasetDrift,
      double driftedShare,
      int featuresCompared,
      int featuresDrifted,
      List<FeatureView> features,
      Double scorePsi,
      boolean scoreDrift,
      Double approvalRate,
      Double referenceApprovalRate,
      int outcomesKnown,
      Double realisedAuc,
      Double realisedCost,
      Double realisedDefaultRate,
      Double realisedAucLow,
      Double realisedAucHigh,
      List<Fairness.FairnessRow> fairness) {}

  /**
   * @param latest the most recent snapshot; null before the monitor has published one
   * @param series one point per kept snapshot, oldest first
   * @param alerts the most recent alerts, newest first
   * @param snapshots snapshots read since the dashboard started
   * @param language the language of the texts: {@code en} or {@code fr}
   */
  record MonitoringPage(
      Latest latest,
      List<MonitoringView.Point> series,
      List<MonitoringView.Alert> alerts,
      long snapshots,
      String language) {}

  private final MonitoringView view;

  MonitoringController(MonitoringView view) {
    this.view = view;
  }

  @Operation(
      summary = "The model's health: latest monitoring snapshot, history and alerts",
      description =
          "From the topics model-monitoring and model-alerts, read from their start. Before the"
              + " monitor has published anything: latest is null and the lists are empty. The"
              + " latest snapshot lists at most "
              + TOP_FEATURES
              + " features, the drifted ones first, each with its label and description in the"
              + " request's language (Accept-Language: fr or en).")
  @GetMapping(path = "/api/monitoring", produces = MediaType.APPLICATION_JSON_VALUE)
  MonitoringPage monitoring(Locale locale) {
    FeatureDescriptions words = Explanations.words(locale);
    MonitoringSnapshot s = view.latest();
    return new MonitoringPage(
        s == null ? null : latest(s, words),
        view.series(),
        view.alerts(ALERTS),
        view.snapshots(),
        Explanations.language(words));
  }

  static Latest latest(MonitoringSnapshot s, FeatureDescriptions words) {
    List<FeatureDrift> all = new ArrayList<>(s.getFeatures());
    int drifted = (int) all.stream().filter(FeatureDrift::getDrift).count();
    int compared = (int) all.stream().filter(f -> !"none".equals(f.getMethod())).count();
    // The snapshot lists the most important first; a stable sort keeps that order within each
    // group, so the drifted come first, each group by importance.
    all.sort(Comparator.comparing((FeatureDrift f) -> !f.getDrift()));
    List<FeatureView> top =
        all.stream()
            .limit(TOP_FEATURES)
            .map(
                f ->
                    new FeatureView(
                        f.getFeature(),
                        words.label(f.getFeature()),
                        words.describe(f.getFeature()),
                        f.getMethod(),
                        MonitoringView.finite(f.getStatistic()),
                        MonitoringView.finite(f.getThreshold()),
                        f.getDrift(),
                        MonitoringView.finite(f.getImportance())))
            .toList();
    return new Latest(
        s.getModelVersion(),
        s.getComputedAt(),
        s.getWindowDecisions(),
        s.getDatasetDrift(),
        s.getDriftedShare(),
        compared,
        drifted,
        top,
        MonitoringView.finite(s.getScorePsi()),
        s.getScoreDrift(),
        MonitoringView.finite(s.getApprovalRate()),
        MonitoringView.finite(s.getReferenceApprovalRate()),
        s.getOutcomesKnown(),
        MonitoringView.finite(s.getRealisedAuc()),
        MonitoringView.finite(s.getRealisedCost()),
        MonitoringView.finite(s.getRealisedDefaultRate()),
        MonitoringView.finite(s.getRealisedAucLow()),
        MonitoringView.finite(s.getRealisedAucHigh()),
        Fairness.of(s.getFairness(), Fairness.words(Explanations.language(words))));
  }
}
