package fr.pretadepenser.scoring.training;

import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.features.FeatureFamily;
import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.model.BundleFiles;
import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.model.ThinFileCard;
import fr.pretadepenser.scoring.model.metrics.BusinessCost;
import fr.pretadepenser.scoring.model.metrics.Metrics;
import fr.pretadepenser.scoring.model.metrics.ReviewBands;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The thin-file model: a model for the applicant whose history is absent or not received, chosen by
 * cross-validation on folds whose validation rows have their history hidden.
 *
 * <p>One matrix of 2n rows is binned once: rows 0..n-1 as they are, rows n..2n-1 the same
 * applicants with every history feature missing. Each fold's training and validation sets are then
 * row subsets of it (as {@link BinnedData} does for the usual folds), so a model can be trained on
 * applicants with history and validated on the same folds' applicants without it. Three fits per
 * fold, with the full model's parameters and class weighting:
 *
 * <ul>
 *   <li>the full model as trained today, validated with history hidden (what a thin file gets
 *       without this work);
 *   <li>{@value #APPLICATION_ONLY}: trained with history hidden on every row;
 *   <li>{@value #MASKED_SHARE}: trained with history hidden on a seeded share ({@link #SHARE}) of
 *       the rows, the others as they are.
 * </ul>
 *
 * The candidate of higher mean history-hidden AUC is kept (the application-only one on a tie: the
 * simpler); its threshold minimises the business cost of its own out-of-fold probabilities; its
 * final model is trained on every row so composed, for the folds' mean best round. It reads the
 * full model's feature vector (same names, same features.json), its history part missing, so that
 * the decision's vector, the ONNX export, SHAP and the path to approval all work unchanged.
 *
 * <p>Cost: 3 × folds early-stopped fits and one final fit; in memory, the masked copy of the matrix
 * and, while LightGBM bins it, the 2n-row copy ({@link #binStacked}).
 */
final class ThinFileTraining {

  static final String APPLICATION_ONLY = "application_only";
  static final String MASKED_SHARE = "history_masked_share";

  /** Share of training rows whose history the masked-share candidate hides. */
  static final double SHARE = 0.5;

  /** The rule the scorer applies, as the model card says it. */
  static final String RULE =
      "The thin-file model decides when the scorer holds no history record of any source for the"
          + " client (reason NO_HISTORY_REPORTED when no source announced records,"
          + " HISTORY_NOT_RECEIVED when some did and none had arrived); one record held and the"
          + " full model decides (HISTORY_PRESENT).";

  /**
   * The outcome: the thin-file model as a training result of its own (written as the {@code
   * thin-file/} sub-bundle by {@link BundleWriter}) and the section of the top model card.
   */
  record Result(TrainingResult model, ThinFileCard card) {}

  private ThinFileTraining() {}

  static Result train(TrainingResult core, TrainingProgress progress) {
    long t0 = System.nanoTime();
    TrainingOptions options = core.options();
    FeatureMatrix m = core.matrix();
    int n = m.rows();
    boolean[] application = applicationColumns(core.definition());
    FeatureMatrix masked = masked(m, application);
    StratifiedFolds folds = StratifiedFolds.of(m.labels(), options.folds(), options.seed());
    BoosterParams params = core.params();
    boolean[] hiddenInShare = shareHidden(n, options.seed());

    Map<String, CrossValidation.Result> hidden = new LinkedHashMap<>();
    String chosen;
    String finalModel;
    int rounds;
    try (BinnedData binned = binStacked(m, masked, options);
        TrainingProgress.Task task =
            progress.start("Thin-file model (history-hidden folds)", 3L * folds.count() + 1)) {
      hidden.put("full", cv(binned, m, folds, params, options, r -> r, task));
      hidden.put(APPLICATION_ONLY, cv(binned, m, folds, params, options, r -> r + n, task));
      hidden.put(
          MASKED_SHARE,
          cv(binned, m, folds, params, options, r -> hiddenInShare[r] ? r + n : r, task));
      chosen =
          hidden.get(MASKED_SHARE).meanAuc() > hidden.get(APPLICATION_ONLY).meanAuc()
              ? MASKED_SHARE
              : APPLICATION_ONLY;
      rounds = hidden.get(chosen).finalRounds();
      int[] all =
          chosen.equals(APPLICATION_ONLY)
              ? IntStream.range(n, 2 * n).toArray()
              : sortedMap(IntStream.range(0, n).toArray(), r -> hiddenInShare[r] ? r + n : r);
      try (LGBMDataset rows = binned.subset(all)) {
        finalModel = BoosterTraining.fit(rows, params, rounds);
      } catch (LGBMException e) {
        throw new IllegalStateException("LightGBM failed: " + e.getMessage(), e);
      }
      task.step(1);
    }

    BusinessCost cost = new BusinessCost(options.costFn(), options.costFp());
    CrossValidation.Result cv = hidden.get(chosen);
    BusinessCost.Choice threshold = cost.choose(cv.oof(), m.labels());
    TrainingResult.Cv baseline = core.baseline();
    Map<String, ModelCard.CvFigures> candidates = new LinkedHashMap<>();
    candidates.put(APPLICATION_ONLY, figures(hidden.get(APPLICATION_ONLY), m, cost));
    candidates.put(MASKED_SHARE, figures(hidden.get(MASKED_SHARE), m, cost));
    ModelCard.CvFigures baselineFigures =
        figures(baseline.oof(), baseline.foldAuc(), core.baselineFeatures(), m, cost);
    double[] gains = new double[folds.count()];
    for (int f = 0; f < gains.length; f++) {
      gains[f] = cv.foldAuc()[f] - baseline.foldAuc()[f];
    }
    double gain = cv.meanAuc() - baseline.meanAuc();

    double[] meanAbsShap = meanAbsShap(finalModel, masked, options.seed());
    TrainingResult model =
        new TrainingResult(
            core.definition(),
            masked,
            options,
            core.trainingDataSha256(),
            core.trials(),
            core.chosenTrial(),
            params,
            core.weightings(),
            core.weighting(),
            cv(cv, m.labels()),
            baseline,
            core.baselineFeatures(),
            threshold,
            BusinessCost.confusion(cv.oof(), m.labels(), threshold.threshold()),
            Metrics.brier(cv.oof(), m.labels()),
            Metrics.reliability(cv.oof(), m.labels(), 10),
            finalModel,
            rounds,
            meanAbsShap,
            ReferenceBuilder.build(m, cv.oof()),
            Map.of("thin_file", (System.nanoTime() - t0) / 1e9),
            core.excludedColumns(),
            core.nonActionableDecision(),
            core.exclusionComparison(),
            List.of(),
            // Its own band from its own out-of-fold costs, around its own threshold; a band set
            // by hand is chosen around the full model's threshold, so it applies to that model
            // only.
            options.reviewBand().equals(TrainingOptions.OFF)
                ? ReviewBands.off()
                : ReviewBands.choose(cv.oof(), m.labels(), cost, threshold.threshold()),
            null);
    double seconds = (System.nanoTime() - t0) / 1e9;
    ThinFileCard card =
        new ThinFileCard(
            BundleFiles.THIN_FILE_DIR,
            null,
            chosen,
            SHARE,
            threshold.threshold(),
            options.folds(),
            options.seed(),
            new ThinFileCard.Known(
                figures(core.full().oof(), core.full().foldAuc(), m.cols(), m, cost),
                baselineFigures),
            new ThinFileCard.Hidden(
                figures(hidden.get("full"), m, cost), candidates, baselineFigures),
            gain,
            Metrics.std(gains),
            why(chosen, hidden, baseline, gain, Metrics.std(gains)),
            RULE,
            seconds);
    return new Result(model, card);
  }

  /** The plain-words account of the choice and of the gain over the baseline. */
  static String why(
      String chosen,
      Map<String, CrossValidation.Result> hidden,
      TrainingResult.Cv baseline,
      double gain,
      double gainSpread) {
    CrossValidation.Result c = hidden.get(chosen);
    String base =
        String.format(
            Locale.ROOT,
            "On history-hidden folds: %s %.4f ± %.4f, full model %.4f ± %.4f, application-only"
                + " baseline %.4f ± %.4f; gain over the baseline %+.4f (fold-by-fold spread"
                + " %.4f). ",
            chosen,
            c.meanAuc(),
            c.stdAuc(),
            hidden.get("full").meanAuc(),
            hidden.get("full").stdAuc(),
            baseline.meanAuc(),
            baseline.stdAuc(),
            gain,
            gainSpread);
    if (gain >= 0.01) {
      return base + "The thin-file model beats the baseline by at least 0.01.";
    }
    return base
        + "The gain falls short of 0.01: with the history hidden, every candidate reads the same"
        + " application columns as the baseline, so it can only beat it by what it learns from"
        + " the history-known rows (masked share) or by its own early stopping; on this data that"
        + " is within the folds' noise. It is still chosen over the full model for thin files"
        + " because the full model's history-hidden figures are those above, and its threshold is"
        + " set on history-hidden out-of-fold costs.";
  }

  /**
   * Cross-validation on the stacked rows: fold f trains on {@code training(f)} mapped through
   * {@code trainRow} and validates on {@code validation(f)}'s history-hidden copies.
   */
  private static CrossValidation.Result cv(
      BinnedData binned,
      FeatureMatrix m,
      StratifiedFolds folds,
      BoosterParams params,
      TrainingOptions options,
      java.util.function.IntUnaryOperator trainRow,
      TrainingProgress.Task task) {
    int n = m.rows();
    double[] oof = new double[n];
    double[] auc = new double[folds.count()];
    int[] best = new int[folds.count()];
    for (int f = 0; f < folds.count(); f++) {
      int[] validRows = folds.validation(f);
      int[] validHidden = Arrays.stream(validRows).map(r -> r + n).toArray();
      BoosterTraining.EarlyStopped fit;
      try (LGBMDataset train = binned.subset(sortedMap(folds.training(f), trainRow));
          LGBMDataset valid = binned.subset(validHidden)) {
        fit =
            BoosterTraining.fitEarlyStopping(
                train, valid, params, options.maxRounds(), CrossValidation.PATIENCE);
      } catch (LGBMException e) {
        throw new IllegalStateException("LightGBM failed: " + e.getMessage(), e);
      }
      double[] p = fit.validationPredictions();
      int[] labels = new int[validRows.length];
      for (int i = 0; i < validRows.length; i++) {
        oof[validRows[i]] = p[i];
        labels[i] = m.labels()[validRows[i]];
      }
      auc[f] = Metrics.auc(p, labels);
      best[f] = fit.bestIteration();
      task.step(1);
    }
    return new CrossValidation.Result(oof, auc, best);
  }

  private static int[] sortedMap(int[] rows, java.util.function.IntUnaryOperator map) {
    int[] out = Arrays.stream(rows).map(map).toArray();
    Arrays.sort(out);
    return out;
  }

  /** Which columns of the model's vector the application table gives (the rest is history). */
  static boolean[] applicationColumns(FeatureDefinition definition) {
    List<FeatureInfo> features = definition.features();
    boolean[] out = new boolean[features.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = features.get(i).family() == FeatureFamily.APPLICATION;
    }
    return out;
  }

  /** {@code m} with every history column missing (NaN), as the thin-file scorer hands it. */
  static FeatureMatrix masked(FeatureMatrix m, boolean[] application) {
    float[] v = m.values().clone();
    for (int r = 0; r < m.rows(); r++) {
      int base = r * m.cols();
      for (int c = 0; c < m.cols(); c++) {
        if (!application[c]) {
          v[base + c] = Float.NaN;
        }
      }
    }
    return new FeatureMatrix(v, m.rows(), m.cols(), m.labels(), m.clientIds(), m.names());
  }

  /**
   * The rows as they are, then the same rows with history hidden, binned once; the 2n-row copy
   * lives only while LightGBM bins it (at full Kaggle scale about 1.7 GB; the masked copy, kept for
   * the bundle's parity check and importance, another 0.8 GB).
   */
  private static BinnedData binStacked(
      FeatureMatrix m, FeatureMatrix masked, TrainingOptions options) {
    return BinnedData.of(
        stacked(m, masked),
        new BoosterParams(BoosterParams.fixed(options.seed(), options.threads()))
            .with(new LinkedHashMap<>(options.params())));
  }

  private static FeatureMatrix stacked(FeatureMatrix a, FeatureMatrix b) {
    float[] v = new float[a.values().length + b.values().length];
    System.arraycopy(a.values(), 0, v, 0, a.values().length);
    System.arraycopy(b.values(), 0, v, a.values().length, b.values().length);
    int[] y = IntStream.concat(Arrays.stream(a.labels()), Arrays.stream(b.labels())).toArray();
    long[] ids =
        java.util.stream.LongStream.concat(
                Arrays.stream(a.clientIds()), Arrays.stream(b.clientIds()))
            .toArray();
    return new FeatureMatrix(v, a.rows() + b.rows(), a.cols(), y, ids, a.names());
  }

  /** The seeded rows whose history the masked-share candidate hides. */
  static boolean[] shareHidden(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x7411F11EL);
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = random.nextDouble() < SHARE;
    }
    return out;
  }

  private static ModelCard.CvFigures figures(
      CrossValidation.Result cv, FeatureMatrix m, BusinessCost cost) {
    return figures(cv.oof(), cv.foldAuc(), m.cols(), m, cost);
  }

  private static ModelCard.CvFigures figures(
      double[] oof, double[] foldAuc, int nFeatures, FeatureMatrix m, BusinessCost cost) {
    BusinessCost.Choice choice = cost.choose(oof, m.labels());
    return new ModelCard.CvFigures(
        Metrics.mean(foldAuc),
        Metrics.std(foldAuc),
        choice.cost(),
        nFeatures,
        Arrays.stream(foldAuc).boxed().toList(),
        choice.threshold());
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

  private static double[] meanAbsShap(String modelText, FeatureMatrix m, long seed) {
    int[] rows = Trainer.sample(m.rows(), Trainer.SHAP_ROWS, seed);
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
}
