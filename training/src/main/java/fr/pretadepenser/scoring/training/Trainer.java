package fr.pretadepenser.scoring.training;

import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.features.FeatureFamily;
import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.model.metrics.BusinessCost;
import fr.pretadepenser.scoring.model.metrics.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training recipe: features from the one definition, a seeded random search scored by
 * cross-validated AUC, no class weighting against balanced weighting on the same folds (kept by
 * business cost), an application-only baseline on the same folds, the cost-minimising threshold and
 * the calibration of the out-of-fold probabilities, then the final model on every row.
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
   * Trains on labelled data.
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
    FeatureDefinition definition = new FeatureDefinition(data.vocabulary());
    FeatureMatrix matrix = timed("features", () -> features(data, definition));
    for (int y : matrix.labels()) {
      if (y != 0 && y != 1) {
        throw new IllegalArgumentException("TARGET must be 0 or 1 on every row, found " + y);
      }
    }
    return train(definition, matrix, dataSha256);
  }

  /** Trains on a matrix already computed with {@code definition}. */
  public TrainingResult train(FeatureDefinition definition, FeatureMatrix matrix, String sha) {
    BoosterParams fixed = new BoosterParams(BoosterParams.fixed(options.seed(), options.threads()));
    // The user's dataset parameters (max_bin, ...) must reach the binning; LightGBM ignores the
    // booster-only ones there.
    try (BinnedData binned =
        timed("binning", () -> BinnedData.of(matrix, fixed.with(overrides())))) {
      return train(definition, matrix, binned, fixed, sha);
    }
  }

  private TrainingResult train(
      FeatureDefinition definition,
      FeatureMatrix matrix,
      BinnedData binned,
      BoosterParams fixed,
      String sha) {
    StratifiedFolds folds = StratifiedFolds.of(matrix.labels(), options.folds(), options.seed());
    BusinessCost cost = new BusinessCost(options.costFn(), options.costFp());

    // 1. Search, without weighting: the ranking metric (AUC) does not depend on it much, and
    // weighting is then decided by what it is for, the business cost.
    HyperparameterSearch search = new HyperparameterSearch(options.seed());
    List<TrainingResult.Trial> trials = new ArrayList<>();
    CrossValidation.Result bestCv = null;
    int bestTrial = 0;
    BoosterParams bestParams = null;
    int trialCount = options.searchTrials() + 1;
    long t0 = System.nanoTime();
    try (TrainingProgress.Task task =
        progress.start("Search (trials x folds)", (long) trialCount * folds.count())) {
      for (int t = 0; t < trialCount; t++) {
        Map<String, Object> sampled = new LinkedHashMap<>(search.trial(t));
        sampled.put("learning_rate", options.learningRate());
        BoosterParams params = fixed.with(sampled).with(overrides());
        CrossValidation.Result cv =
            CrossValidation.run(
                binned, matrix.labels(), folds, params, options.maxRounds(), () -> task.step(1));
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
        sha,
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
        seconds);
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
