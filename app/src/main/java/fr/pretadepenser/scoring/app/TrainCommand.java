package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.training.BundleWriter;
import fr.pretadepenser.scoring.training.Trainer;
import fr.pretadepenser.scoring.training.TrainingData;
import fr.pretadepenser.scoring.training.TrainingOptions;
import fr.pretadepenser.scoring.training.TrainingProgress;
import fr.pretadepenser.scoring.training.TrainingResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
          + " features.json, model-card.json, reference.json and report.html.",
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
              params);
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

  private static void print(BundleWriter.Written w) {
    ModelCard c = w.card();
    System.out.printf(
        Locale.ROOT,
        "model %s written to %s%n"
            + "  %d applicants, %d features, default rate %.2f%%%n"
            + "  CV AUC %.4f ± %.4f (folds %s); application-only baseline %.4f ± %.4f%n"
            + "  threshold %.4f (%s weighting); business cost %.0f vs %.0f granting everyone%n"
            + "  Brier %.4f; %d rounds, %d trees; max |p_ONNX - p_LightGBM| %.3g; %.1f s%n",
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
        c.trainSeconds());
  }
}
