package fr.pretadepenser.scoring.training;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.features.FeatureExclusion;
import fr.pretadepenser.scoring.features.FeatureFamily;
import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.model.ReviewBand;
import fr.pretadepenser.scoring.model.fairness.FairnessGroup;
import fr.pretadepenser.scoring.model.fairness.FairnessRow;
import fr.pretadepenser.scoring.model.fairness.FairnessTable;
import fr.pretadepenser.scoring.model.metrics.BusinessCost;
import fr.pretadepenser.scoring.model.metrics.Metrics;
import fr.pretadepenser.scoring.model.metrics.ReviewBands;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training recipe: features from the one definition, the columns the model may not read taken
 * out (protected ones always, non-actionable ones by the rule below), a seeded random search scored
 * by cross-validated AUC, no class weighting against balanced weighting on the same folds (kept by
 * business cost), an application-only baseline on the same folds, the cost-minimising threshold and
 * the calibration of the out-of-fold probabilities, then the final model on every row; last, every
 * feature cross-validated with the model's parameters on the same folds, for the model card's
 * comparison, the out-of-fold fairness by group, and the review band around the threshold.
 *
 * <p>The rule on non-actionable columns: with the protected columns out, the kernel's parameters
 * (the search's trial 0) and the model's folds, the non-actionable columns stay only when taking
 * them out loses more mean fold AUC than the standard deviation of the fold AUCs with them (their
 * loss is beyond the folds' noise). The figures are in the model card whatever the outcome.
 */
public final class Trainer {

  /** Rows used for the SHAP importance: enough for a stable mean, bounded at full scale. */
  static final int SHAP_ROWS = 20_000;

  private final TrainingOptions options;
  private final TrainingProgress progress;
  private final Map<String, Double> seconds = new LinkedHashMap<>();

  public Trainer(TrainingOptions options, TrainingProgress progress) {
    this.options = options;
    this.progress = progress;
  }

  /**
   * Trains on labelled data: every feature is computed once, the exclusions decide which of them
   * the model reads, and the figures with every feature are kept for the model card.
   *
   * @throws IllegalArgumentException when the data has no TARGET, no rows or a single class
   */
  public TrainingResult train(HomeCreditData data, String dataSha256) {
    if (!data.hasTarget()) {
      throw new IllegalArgumentException(
          "the application table has no TARGET column: training needs application_train");
    }
    if (data.size() == 0) {
      throw new IllegalArgumentException("the application table has no rows");
    }
    FeatureDefinition all = new FeatureDefinition(data.vocabulary());
    FeatureMatrix matrix = timed("features", () -> features(data, all));
    for (int y : matrix.labels()) {
      if (y != 0 && y != 1) {
        throw new IllegalArgumentException("TARGET must be 0 or 1 on every row, found " + y);
      }
    }
    TrainingResult full = train(all, matrix, attributes(data), dataSha256);
    // 5. The thin-file model beside it, on the model's own features and folds.
    ThinFileTraining.Result thin = timed("thin_file", () -> ThinFileTraining.train(full, progress));
    return full.withThinFile(thin);
  }

  /**
   * Trains on a matrix already computed with {@code all}, a definition without exclusion.
   *
   * @param attributes each row's protected attributes, for the fairness figures; null for none
   */
  public TrainingResult train(
      FeatureDefinition all, FeatureMatrix matrix, List<Attributes> attributes, String sha) {
    if (!all.exclusion().isEmpty()) {
      throw new IllegalArgumentException("the matrix must hold every feature (no exclusion)");
    }
    BoosterParams fixed = new BoosterParams(BoosterParams.fixed(options.seed(), options.threads()));
    StratifiedFolds folds = StratifiedFolds.of(matrix.labels(), options.folds(), options.seed());
    ExclusionOptions ex = options.exclusion();
    FeatureExclusion protectedColumns = ex.protectedExclusion();
    FeatureDefinition withoutProtected = new FeatureDefinition(all.vocabulary(), protectedColumns);
    FeatureDefinition withoutBoth =
        new FeatureDefinition(all.vocabulary(), protectedColumns.plus(ex.nonActionableExclusion()));

    // 1. The rule on non-actionable columns, before the search so that the search tunes the
    // features the model will have: the kernel's parameters (the search's trial 0), same folds.
    boolean matter = withoutBoth.size() < withoutProtected.size();
    ModelCard.NonActionableDecision decision;
    FeatureDefinition definition;
    FeatureMatrix chosen;
    CrossValidation.Result trial0 = null;
    if (!ex.keepNonActionable() && matter) {
      BoosterParams kernel = fixed.with(trialParams(0)).with(overrides());
      FeatureMatrix with = matrix.columns(withoutProtected.names());
      CrossValidation.Result cvWith =
          binnedCv("exclusion", "Non-actionable columns in (folds)", with, folds, fixed, kernel);
      FeatureMatrix without = matrix.columns(withoutBoth.names());
      CrossValidation.Result cvWithout =
          binnedCv(
              "exclusion", "Non-actionable columns out (folds)", without, folds, fixed, kernel);
      double loss = cvWith.meanAuc() - cvWithout.meanAuc();
      double noise = cvWith.stdAuc();
      boolean exclude = !(loss > noise);
      decision =
          new ModelCard.NonActionableDecision(
              ex.nonActionableColumns(),
              true,
              figures(cvWith, with),
              figures(cvWithout, without),
              loss,
              noise,
              exclude);
      definition = exclude ? withoutBoth : withoutProtected;
      chosen = exclude ? without : with;
      trial0 = exclude ? cvWithout : cvWith;
    } else {
      boolean exclude = !ex.keepNonActionable();
      decision =
          new ModelCard.NonActionableDecision(
              ex.nonActionableColumns(), false, null, null, null, null, exclude);
      definition = exclude ? withoutBoth : withoutProtected;
      chosen = matrix.columns(definition.names());
    }
    ModelCard.ExcludedColumns excluded =
        new ModelCard.ExcludedColumns(
            ex.protectedColumns(), decision.excluded() ? ex.nonActionableColumns() : List.of());

    // 2. The model on its features.
    TrainingResult core;
    try (BinnedData binned =
        timed("binning", () -> BinnedData.of(chosen, fixed.with(overrides())))) {
      core = train(definition, chosen, binned, fixed, folds, trial0);
    }

    // 3. Every feature, with the model's parameters and weighting, on the same folds.
    ModelCard.CvFigures withoutExcluded = figures(core.full().oof(), core.full(), chosen);
    ModelCard.CvFigures withExcluded;
    if (definition.excludedFeatures().isEmpty()) {
      withExcluded = withoutExcluded;
    } else {
      CrossValidation.Result cvAll =
          binnedCv(
              "exclusion",
              "Every feature, for comparison (folds)",
              matrix,
              folds,
              fixed,
              core.params());
      withExcluded = figures(cvAll, matrix);
    }
    ModelCard.ExclusionComparison comparison =
        new ModelCard.ExclusionComparison(
            options.folds(), options.seed(), withExcluded, withoutExcluded);

    // 4. Fairness of the out-of-fold decisions at the model's threshold.
    List<FairnessGroup> fairness =
        attributes == null
            ? List.of()
            : fairness(
                attributes, core.full().oof(), chosen.labels(), core.threshold().threshold());

    // 5. The review band around the threshold, on the same out-of-fold predictions.
    ModelCard.ReviewBandChoice band =
        reviewBand(core.full().oof(), chosen.labels(), core.threshold().threshold());

    return new TrainingResult(
        core.definition(),
        core.matrix(),
        core.options(),
        sha,
        core.trials(),
        core.chosenTrial(),
        core.params(),
        core.weightings(),
        core.weighting(),
        core.full(),
        core.baseline(),
        core.baselineFeatures(),
        core.threshold(),
        core.confusion(),
        core.brier(),
        core.reliability(),
        core.modelText(),
        core.finalRounds(),
        core.meanAbsShap(),
        core.reference(),
        seconds,
        excluded,
        decision,
        comparison,
        fairness,
        band,
        null);
  }

  /**
   * The band of the options: the out-of-fold rule ({@link ReviewBands}), the one set by hand with
   * its out-of-fold figures, or off.
   *
   * @throws IllegalArgumentException when a band set by hand does not contain the threshold
   */
  ModelCard.ReviewBandChoice reviewBand(double[] oof, int[] labels, double threshold) {
    BusinessCost cost = new BusinessCost(options.costFn(), options.costFp());
    if (options.reviewBand().equals(TrainingOptions.OFF)) {
      return ReviewBands.off();
    }
    ReviewBand fixed = options.fixedReviewBand();
    if (fixed != null) {
      try {
        return ReviewBands.given(oof, labels, cost, threshold, fixed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--review-band: " + e.getMessage(), e);
      }
    }
    return ReviewBands.choose(oof, labels, cost, threshold);
  }

  /**
   * The recipe on the model's own features.
   *
   * @param trial0 the cross-validation of the search's trial 0 on these features and folds when it
   *     has already run (the exclusion rule runs it), else null
   */
  private TrainingResult train(
      FeatureDefinition definition,
      FeatureMatrix matrix,
      BinnedData binned,
      BoosterParams fixed,
      StratifiedFolds folds,
      CrossValidation.Result trial0) {
    BusinessCost cost = new BusinessCost(options.costFn(), options.costFp());

    // 1. Search, without weighting: the ranking metric (AUC) does not depend on it much, and
    // weighting is then decided by what it is for, the business cost.
    List<TrainingResult.Trial> trials = new ArrayList<>();
    CrossValidation.Result bestCv = null;
    int bestTrial = 0;
    BoosterParams bestParams = null;
    int trialCount = options.searchTrials() + 1;
    long t0 = System.nanoTime();
    try (TrainingProgress.Task task =
        progress.start("Search (trials x folds)", (long) trialCount * folds.count())) {
      for (int t = 0; t < trialCount; t++) {
        Map<String, Object> sampled = trialParams(t);
        BoosterParams params = fixed.with(sampled).with(overrides());
        CrossValidation.Result cv;
        if (t == 0 && trial0 != null) {
          cv = trial0;
          task.step(folds.count());
        } else {
          cv =
              CrossValidation.run(
                  binned, matrix.labels(), folds, params, options.maxRounds(), () -> task.step(1));
        }
        trials.add(
            new TrainingResult.Trial(t, sampled, cv.meanAuc(), cv.stdAuc(), cv.finalRounds()));
        if (bestCv == null || cv.meanAuc() > bestCv.meanAuc()) {
          bestCv = cv;
          bestTrial = t;
          bestParams = params;
        }
      }
    }
    seconds.put("search", (System.nanoTime() - t0) / 1e9);

    // 2. Class weighting, on the same folds, compared at each option's own best threshold.
    Map<String, TrainingResult.WeightingOutcome> outcomes = new LinkedHashMap<>();
    Map<String, CrossValidation.Result> cvs = new LinkedHashMap<>();
    Map<String, BoosterParams> paramsByWeighting = new LinkedHashMap<>();
    double scalePos = (double) (matrix.rows() - matrix.positives()) / matrix.positives();
    BoosterParams balanced = bestParams.with("scale_pos_weight", round4(scalePos));
    List<String> options = new ArrayList<>();
    if (!this.options.weighting().equals(TrainingOptions.BALANCED)) {
      options.add(TrainingOptions.NONE);
      cvs.put(TrainingOptions.NONE, bestCv);
      paramsByWeighting.put(TrainingOptions.NONE, bestParams);
    }
    if (!this.options.weighting().equals(TrainingOptions.NONE)) {
      options.add(TrainingOptions.BALANCED);
      paramsByWeighting.put(TrainingOptions.BALANCED, balanced);
      CrossValidation.Result cvBalanced =
          timedCv("weighting", "Balanced class weights (folds)", binned, matrix, folds, balanced);
      cvs.put(TrainingOptions.BALANCED, cvBalanced);
    }
    String chosen = null;
    for (String w : options) {
      CrossValidation.Result cv = cvs.get(w);
      BusinessCost.Choice choice = cost.choose(cv.oof(), matrix.labels());
      outcomes.put(
          w,
          new TrainingResult.WeightingOutcome(
              w,
              cv.meanAuc(),
              choice.threshold(),
              choice.cost(),
              Metrics.brier(cv.oof(), matrix.labels())));
      if (chosen == null || choice.cost() < outcomes.get(chosen).businessCost()) {
        chosen = w;
      }
    }
    CrossValidation.Result cv = cvs.get(chosen);
    BoosterParams params = paramsByWeighting.get(chosen);

    // 3. The application table alone, same folds and parameters: what the history sources add.
    int appFeatures = applicationFeatureCount(definition);
    CrossValidation.Result baseline;
    try (BinnedData applicationOnly =
        timed(
            "binning",
            () -> BinnedData.of(matrix.firstColumns(appFeatures), fixed.with(overrides())))) {
      baseline =
          timedCv(
              "baseline",
              "Application-only baseline (folds)",
              applicationOnly,
              matrix,
              folds,
              params);
    }

    // 4. Threshold, confusion and calibration of the chosen configuration's OOF predictions.
    BusinessCost.Choice threshold = cost.choose(cv.oof(), matrix.labels());
    ModelCard.Confusion confusion =
        BusinessCost.confusion(cv.oof(), matrix.labels(), threshold.threshold());
    double brier = Metrics.brier(cv.oof(), matrix.labels());
    List<Metrics.ReliabilityBin> reliability = Metrics.reliability(cv.oof(), matrix.labels(), 10);

    // 5. The final model on every row, as many rounds as the folds needed on average.
    int rounds = cv.finalRounds();
    String modelText;
    long t1 = System.nanoTime();
    try (TrainingProgress.Task task = progress.start("Final model (all rows)", 1)) {
      modelText = BoosterTraining.fit(binned.all(), params, rounds);
      task.step(1);
    }
    seconds.put("final", (System.nanoTime() - t1) / 1e9);

    double[] meanAbsShap = timed("importance", () -> meanAbsShap(modelText, matrix));
    var reference = timed("reference", () -> ReferenceBuilder.build(matrix, cv.oof()));

    return new TrainingResult(
        definition,
        matrix,
        this.options,
        null,
        trials,
        bestTrial,
        params,
        outcomes,
        chosen,
        cv(cv, matrix.labels()),
        cv(baseline, matrix.labels()),
        appFeatures,
        threshold,
        confusion,
        brier,
        reliability,
        modelText,
        rounds,
        meanAbsShap,
        reference,
        seconds,
        null,
        null,
        null,
        List.of(),
        null,
        null);
  }

  /** The search's parameters of trial {@code t}, with the fixed learning rate. */
  private Map<String, Object> trialParams(int t) {
    Map<String, Object> sampled =
        new LinkedHashMap<>(new HyperparameterSearch(options.seed()).trial(t));
    sampled.put("learning_rate", options.learningRate());
    return sampled;
  }

  /**
   * Cross-validates a matrix of its own (binned for the occasion) on the given folds. The user's
   * dataset parameters (max_bin, ...) must reach the binning; LightGBM ignores the booster-only
   * ones there.
   */
  private CrossValidation.Result binnedCv(
      String stage,
      String title,
      FeatureMatrix m,
      StratifiedFolds folds,
      BoosterParams fixed,
      BoosterParams params) {
    try (BinnedData binned = timed("binning", () -> BinnedData.of(m, fixed.with(overrides())))) {
      return timedCv(stage, title, binned, m, folds, params);
    }
  }

  private ModelCard.CvFigures figures(CrossValidation.Result cv, FeatureMatrix m) {
    BusinessCost.Choice choice =
        new BusinessCost(options.costFn(), options.costFp()).choose(cv.oof(), m.labels());
    return new ModelCard.CvFigures(
        cv.meanAuc(),
        cv.stdAuc(),
        choice.cost(),
        m.cols(),
        Arrays.stream(cv.foldAuc()).boxed().toList(),
        choice.threshold());
  }

  private ModelCard.CvFigures figures(double[] oof, TrainingResult.Cv cv, FeatureMatrix m) {
    BusinessCost.Choice choice =
        new BusinessCost(options.costFn(), options.costFp()).choose(oof, m.labels());
    return new ModelCard.CvFigures(
        cv.meanAuc(),
        cv.stdAuc(),
        choice.cost(),
        m.cols(),
        Arrays.stream(cv.foldAuc()).boxed().toList(),
        choice.threshold());
  }

  /**
   * One applicant's protected attributes, read from the application's columns (the model does not
   * read them; fairness must).
   */
  public record Attributes(String gender, Integer ageYears, String familyStatus) {}

  static List<Attributes> attributes(HomeCreditData data) {
    List<Attributes> out = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      LoanApplication app = data.applicant(i).application();
      Object gender = app.get("CODE_GENDER");
      Object family = app.get("NAME_FAMILY_STATUS");
      Object days = app.get("DAYS_BIRTH");
      out.add(
          new Attributes(
              gender == null ? null : gender.toString(),
              FairnessTable.ageYears(days instanceof Number n ? n.doubleValue() : null),
              family == null ? null : family.toString()));
    }
    return out;
  }

  /**
   * A probability at or above the threshold refuses; the label is the known outcome. The
   * disparate-impact reference needs {@link FairnessTable#MIN_REFERENCE_DECISIONS} decisions, the
   * monitor's default, so the model card and the live monitor compare groups alike.
   */
  static List<FairnessGroup> fairness(
      List<Attributes> attributes, double[] oof, int[] labels, double threshold) {
    List<FairnessRow> rows = new ArrayList<>(oof.length);
    for (int i = 0; i < oof.length; i++) {
      Attributes a = attributes.get(i);
      rows.add(
          new FairnessRow(
              a.gender(), a.ageYears(), a.familyStatus(), oof[i] < threshold, labels[i] == 1));
    }
    return FairnessTable.of(rows, FairnessTable.MIN_REFERENCE_DECISIONS);
  }

  private Map<String, Object> overrides() {
    return new LinkedHashMap<>(options.params());
  }

  private FeatureMatrix features(HomeCreditData data, FeatureDefinition definition) {
    try (TrainingProgress.Task task = progress.start("Features", data.size())) {
      return FeatureMatrix.build(data, definition, options.threads(), n -> task.step(n));
    }
  }

  private CrossValidation.Result timedCv(
      String stage,
      String title,
      BinnedData data,
      FeatureMatrix m,
      StratifiedFolds folds,
      BoosterParams params) {
    long t = System.nanoTime();
    try (TrainingProgress.Task task = progress.start(title, folds.count())) {
      return CrossValidation.run(
          data, m.labels(), folds, params, options.maxRounds(), () -> task.step(1));
    } finally {
      seconds.merge(stage, (System.nanoTime() - t) / 1e9, Double::sum);
    }
  }

  private <T> T timed(String stage, java.util.function.Supplier<T> work) {
    long t = System.nanoTime();
    try {
      return work.get();
    } finally {
      seconds.merge(stage, (System.nanoTime() - t) / 1e9, Double::sum);
    }
  }

  private static TrainingResult.Cv cv(CrossValidation.Result r, int[] labels) {
    return new TrainingResult.Cv(
        r.oof(),
        r.foldAuc(),
        r.bestIterations(),
        r.meanAuc(),
        r.stdAuc(),
        Metrics.roc(r.oof(), labels));
  }

  /** The application family comes first in the vector; its length is the baseline's width. */
  static int applicationFeatureCount(FeatureDefinition definition) {
    int n = 0;
    for (FeatureInfo f : definition.features()) {
      if (f.family() != FeatureFamily.APPLICATION) {
        break;
      }
      n++;
    }
    return n;
  }

  /** Global importance: mean |SHAP| per feature over a seeded sample of training rows. */
  private double[] meanAbsShap(String modelText, FeatureMatrix m) {
    int[] rows = sample(m.rows(), SHAP_ROWS, options.seed());
    FeatureMatrix sample = m.rows(rows);
    double[] contrib = BoosterTraining.contributions(modelText, sample);
    int width = m.cols() + 1;
    double[] mean = new double[m.cols()];
    for (int r = 0; r < sample.rows(); r++) {
      for (int c = 0; c < m.cols(); c++) {
        mean[c] += Math.abs(contrib[r * width + c]);
      }
    }
    for (int c = 0; c < m.cols(); c++) {
      mean[c] /= sample.rows();
    }
    return mean;
  }

  static int[] sample(int n, int max, long seed) {
    if (n <= max) {
      return java.util.stream.IntStream.range(0, n).toArray();
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] all = java.util.stream.IntStream.range(0, n).toArray();
    for (int i = 0; i < max; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] out = java.util.Arrays.copyOf(all, max);
    java.util.Arrays.sort(out);
    return out;
  }

  private static double round4(double v) {
    return Math.round(v * 1e4) / 1e4;
  }
}
