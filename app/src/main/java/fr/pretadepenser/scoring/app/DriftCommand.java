package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.model.BundleException;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.monitoring.DatasetDrift;
import fr.pretadepenser.scoring.monitoring.DriftDetector;
import fr.pretadepenser.scoring.monitoring.DriftReport;
import fr.pretadepenser.scoring.monitoring.ReportContext;
import fr.pretadepenser.scoring.training.FeatureMatrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scoring drift}: the applicants of a folder against a bundle's training reference. */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description = {
      "Compares the feature vectors of every applicant of a folder of Kaggle tables with the"
          + " training population of a model bundle (its reference.json), feature by feature:"
          + " normalised Wasserstein distance and PSI for numeric features, Jensen-Shannon"
          + " distance for categorical ones.",
      "Writes a self-contained HTML report (a chart per drifted feature) and, beside it, the"
          + " same name with .json: the dataset verdict and an entry per feature (feature,"
          + " statistic, drift, method, threshold, PSI, importance, counts, bins)."
    })
final class DriftCommand implements Callable<Integer> {

  /** Drifted features named on the terminal; the report has them all. */
  private static final int SHOWN = 10;

  @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Bundle.")
  Path model;

  @Mixin DataOption data;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.html",
      description = "HTML report; the JSON goes beside it (report.html → report.json).")
  Path out;

  @Mixin WorkerThreadsOption threads;

  @Override
  public Integer call() throws IOException {
    threads.atLeastOne();
    try (ModelBundle bundle = open()) {
      DriftDetector detector = detector(bundle);
      HomeCreditData loaded = Progress.read(HomeCreditFiles.locate(data.dir()), threads.count());
      if (loaded.size() == 0) {
        throw new UserException(data.dir() + ": the application table has no applicant");
      }
      FeatureMatrix features;
      try (ProgressBar bar = Progress.bar("Features", loaded.size(), null, 1)) {
        features = FeatureMatrix.build(loaded, bundle.definition(), threads.count(), bar::stepBy);
      }
      DatasetDrift drift = detector.compare(features.values(), features.rows());
      ReportContext context =
          new ReportContext(
              bundle.metadata().modelVersion(),
              data.dir().toAbsolutePath().normalize().toString(),
              Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      write(out, DriftReport.html(drift, context));
      Path json = jsonBeside(out);
      write(json, DriftReport.json(drift, context));
      summary(drift, json);
    }
    return 0;
  }

  private DriftDetector detector(ModelBundle bundle) {
    try {
      return DriftDetector.of(bundle, bundle.reference());
    } catch (BundleException e) {
      throw new UserException(e.getMessage(), e);
    }
  }

  /** report.html → report.json; a name without .html gets .json appended. */
  static Path jsonBeside(Path html) {
    String name = html.getFileName().toString();
    String base =
        name.toLowerCase(Locale.ROOT).endsWith(".html")
            ? name.substring(0, name.length() - 5)
            : name;
    return html.resolveSibling(base + ".json");
  }

  private static void write(Path file, String text) throws IOException {
    try (AtomicFile f = new AtomicFile(file)) {
      Files.writeString(f.temp(), text, StandardCharsets.UTF_8);
      f.commit();
    }
  }

  private void summary(DatasetDrift d, Path json) {
    System.out.printf(
        Locale.ROOT,
        "%s: %d of %d features drift (%.1f%% by number, %.1f%% of the model's importance)%n",
        d.drift() ? "DATASET DRIFT" : "no dataset drift",
        d.drifted(),
        d.compared(),
        100 * d.driftedShare(),
        100 * d.importanceShare());
    d.driftedFeatures().stream()
        .limit(SHOWN)
        .forEach(
            f ->
                System.out.printf(
                    Locale.ROOT,
                    "  %-40s %-13s %8.3f  PSI %7.3f  importance %5.1f%%%n",
                    f.feature(),
                    f.method(),
                    f.statistic(),
                    f.psi(),
                    100 * f.importance()));
    if (d.drifted() > SHOWN) {
      System.out.printf("  … and %d more%n", d.drifted() - SHOWN);
    }
    System.out.printf("report: %s and %s%n", out.toAbsolutePath(), json.toAbsolutePath());
  }

  private ModelBundle open() {
    return ScoringCli.loadBundle(model, "");
  }
}
