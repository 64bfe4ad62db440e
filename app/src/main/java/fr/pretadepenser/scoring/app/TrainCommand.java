package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.training.BundleWriter;
import fr.pretadepenser.scoring.training.ExclusionOptions;
import fr.pretadepenser.scoring.training.Trainer;
import fr.pretadepenser.scoring.training.TrainingData;
import fr.pretadepenser.scoring.training.TrainingOptions;
import fr.pretadepenser.scoring.training.TrainingProgress;
import fr.pretadepenser.scoring.training.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scoring train}: cross-validated LightGBM, cost threshold, exact ONNX, model bundle. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Trains the default-risk model on a folder of Kaggle Home Credit tables with a TARGET"
          + " (application_train), and writes the model bundle: model.onnx, model.txt,"
          + " features.json, model-card.json, reference.json and the report in English and French"
          + " (report.html, report.fr.html).",
      "Protected columns (--exclude-columns) never enter the model; non-actionable columns"
          + " (--non-actionable-columns) leave it unless cross-validation shows a loss of mean AUC"
          + " beyond the folds' standard deviation (--keep-non-actionable keeps them). The model"
          + " card compares AUC and business cost with and without them on the same folds, and"
          + " gives the out-of-fold fairness by gender, age band and family status.",
      "Stratified k-fold cross-validation with early stopping; a seeded random search of"
          + " --search trials; no class weighting against balanced weighting, kept by business"
          + " cost; an application-only baseline on the same folds; the threshold minimising"
          + " cost-fn × FN + cost-fp × FP on the out-of-fold probabilities; the final model on"
          + " every row, exported to ONNX and checked against LightGBM on every row.",
      "The bundle directory is replaced only when the new one is complete."
    })
final class TrainCommand implements Callable<Integer> {

  @Mixin DataOption data;

  @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Bundle folder.")
  Path out;

  @Option(
      names = "--folds",
      paramLabel = "K",
      description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
  int folds = 5;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of folds, search and bagging (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(
      names = "--search",
      paramLabel = "N",
      description =
          "Random-search trials beyond the kernel's parameters; 0 trains with the kernel's"
              + " parameters only (default: ${DEFAULT-VALUE}).")
  int search = 10;

  @Option(
      names = "--cost-fn",
      paramLabel = "C",
      description = "Cost of granting a loan to a defaulter (default: ${DEFAULT-VALUE}).")
  double costFn = 10;

  @Option(
      names = "--cost-fp",
      paramLabel = "C",
      description = "Cost of refusing a good client (default: ${DEFAULT-VALUE}).")
  double costFp = 1;

  @Option(
      names = "--weighting",
      paramLabel = "W",
      description =
          "Class weighting: compare (none and balanced, keep the cheaper), none or balanced"
              + " (default: ${DEFAULT-VALUE}).")
  String weighting = TrainingOptions.COMPARE;

  @Option(
      names = "--learning-rate",
      paramLabel = "R",
      description = "Boosting learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate = 0.05;

  @Option(
      names = "--max-rounds",
      paramLabel = "N",
      description = "Cap on boosting rounds per fit (default: ${DEFAULT-VALUE}).")
  int maxRounds = 5000;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "LightGBM and feature threads (default: ${DEFAULT-VALUE}).")
  int threads = 2;

  @Option(
      names = "--param",
      paramLabel = "KEY=VALUE",
      description = {
        "A LightGBM parameter overriding the kernel's and the search's value; repeatable, e.g."
            + " --param max_bin=63 --param bagging_fraction=0.5 --param bagging_freq=1 to train"
            + " faster at scale. Recorded in model-card.json."
      })
  Map<String, String> params = new LinkedHashMap<>();

  @Option(
      names = "--exclude-columns",
      split = ",",
      paramLabel = "COLUMNS",
      description = {
        "Protected source columns the model never reads, comma-separated; an entry ending with *"
            + " matches a prefix; every feature read from one (value, dummies, aggregates) leaves"
            + " the model. An empty value excludes none (default: ${DEFAULT-VALUE})."
      })
  List<String> excludeColumns = new ArrayList<>(ExclusionOptions.PROTECTED);

  @Option(
      names = "--non-actionable-columns",
      split = ",",
      paramLabel = "COLUMNS",
      description = {
        "Columns neither a client nor an advisor could act on or explain, comma-separated, same"
            + " syntax; they leave the model unless the cross-validated loss exceeds the noise"
            + " (default: ${DEFAULT-VALUE})."
      })
  List<String> nonActionableColumns = new ArrayList<>(ExclusionOptions.NON_ACTIONABLE);

  @Option(
      names = "--keep-non-actionable",
      description = "Keep the non-actionable columns in the model without applying the rule.")
  boolean keepNonActionable;

  @Option(
      names = "--review-band",
      paramLabel = "auto|off|LOW,HIGH",
      description = {
        "The review band written in model-card.json, which the scorer applies by default: auto"
            + " chooses it from the out-of-fold costs (every threshold inside it costs within 5%%"
            + " of the minimum, at most 10%% of applicants; the card and the report say why); off"
            + " writes none; LOW,HIGH sets it by hand and must contain the threshold training"
            + " chooses (default: ${DEFAULT-VALUE})."
      })
  String reviewBand = TrainingOptions.AUTO;

  @Override
  public Integer call() {
    TrainingOptions options;
    try {
      options =
          new TrainingOptions(
              folds,
              seed,
              search,
              costFn,
              costFp,
              threads,
              learningRate,
              maxRounds,
              weighting,
              params,
              new ExclusionOptions(
                  nonEmpty(excludeColumns), nonEmpty(nonActionableColumns), keepNonActionable),
              reviewBand);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    HomeCreditFiles files = HomeCreditFiles.locate(data.dir());
    HomeCreditData loaded = Progress.read(files, threads);
    TrainingProgress progress = TrainCommand::bar;
    TrainingResult result;
    try {
      result = new Trainer(options, progress).train(loaded, TrainingData.sha256(files));
    } catch (IllegalArgumentException e) {
      throw new UserException(data.dir() + ": " + e.getMessage(), e);
    }
    BundleWriter.Written written = BundleWriter.write(result, out, progress);
    print(written);
    return 0;
  }

  /** {@code --exclude-columns ""} gives one empty entry: no column. */
  private static List<String> nonEmpty(List<String> columns) {
    return columns.stream().map(String::trim).filter(c -> !c.isEmpty()).toList();
  }

  static TrainingProgress.Task bar(String name, long steps) {
    ProgressBar bar = Progress.bar(name, steps, null, 1);
    return new TrainingProgress.Task() {
      @Override
      public void step(long n) {
        bar.stepBy(n);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }

  /** What was excluded and what it cost, on the same folds; fairness flags. */
  static String exclusionLines(ModelCard c) {
    StringBuilder s = new StringBuilder();
    if (c.excludedColumns() != null) {
      s.append(
          String.format(
              Locale.ROOT,
              "  excluded columns: protected %s, non-actionable %s%n",
              c.excludedColumns().protectedColumns(),
              c.excludedColumns().nonActionable()));
    }
    ModelCard.NonActionableDecision d = c.nonActionableDecision();
    if (d != null && d.evaluated()) {
      s.append(
          String.format(
              Locale.ROOT,
              "  non-actionable rule: AUC %.4f with, %.4f without, loss %+.4f vs noise %.4f: %s%n",
              d.with().auc(),
              d.without().auc(),
              d.aucLoss(),
              d.noise(),
              d.excluded() ? "excluded" : "kept"));
    }
    ModelCard.ExclusionComparison x = c.exclusionComparison();
    if (x != null) {
      s.append(
          String.format(
              Locale.ROOT,
              "  every feature (%d): AUC %.4f ± %.4f, cost %.0f; the model's (%d): AUC %.4f ± %.4f,"
                  + " cost %.0f%n",
              x.withExcluded().nFeatures(),
              x.withExcluded().auc(),
              x.withExcluded().aucStd(),
              x.withExcluded().cost(),
              x.withoutExcluded().nFeatures(),
              x.withoutExcluded().auc(),
              x.withoutExcluded().aucStd(),
              x.withoutExcluded().cost()));
    }
    if (c.fairness() != null) {
      List<String> flagged =
          c.fairness().stream()
              .filter(g -> g.fourFifthsFlag())
              .map(g -> g.attribute() + "=" + g.group() + " (" + g.decisions() + ")")
              .toList();
      s.append("  four-fifths rule flagged: ")
          .append(flagged.isEmpty() ? "none" : String.join(", ", flagged))
          .append(System.lineSeparator());
    }
    return s.toString();
  }

  private static void print(BundleWriter.Written w) {
    ModelCard c = w.card();
    System.out.printf(
        Locale.ROOT,
        "model %s written to %s%n"
            + "  %d applicants, %d features, default rate %.2f%%%n"
            + "  CV AUC %.4f ± %.4f (folds %s); application-only baseline %.4f ± %.4f%n"
            + "  threshold %.4f (%s weighting); business cost %.0f vs %.0f granting everyone%n"
            + "  Brier %.4f; %d rounds, %d trees; max |p_ONNX - p_LightGBM| %.3g; %.1f s%n"
            + "  %s%n"
            + "%s",
        c.modelVersion(),
        w.directory(),
        c.nTrain(),
        c.nFeatures(),
        100 * c.defaultRate(),
        c.cvAucMean(),
        c.cvAucStd(),
        c.cvAucFolds().stream().map(a -> String.format(Locale.ROOT, "%.4f", a)).toList(),
        c.baselineCvAucMean(),
        c.baselineCvAucStd(),
        c.threshold(),
        c.classWeighting(),
        c.oofBusinessCost(),
        c.grantAllBusinessCost(),
        c.brier(),
        c.bestIteration(),
        c.nTrees(),
        c.onnxMaxAbsDiff(),
        c.trainSeconds(),
        c.reviewBand() == null ? "no review band" : "review band: " + c.reviewBand().why(),
        exclusionLines(c));
  }
}
