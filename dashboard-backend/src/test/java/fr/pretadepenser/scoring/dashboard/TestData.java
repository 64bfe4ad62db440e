package fr.pretadepenser.scoring.dashboard;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.training.BundleWriter;
import fr.pretadepenser.scoring.training.Trainer;
import fr.pretadepenser.scoring.training.TrainingData;
import fr.pretadepenser.scoring.training.TrainingOptions;
import fr.pretadepenser.scoring.training.TrainingProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Real test material, once per JVM: a model bundle trained on the shipped sample (2 folds, no
 * search, no weighting comparison: seconds) and the sample's applicants, to generate decisions as
 * the scorer would write them.
 */
final class TestData {

  static final Path SAMPLE = Path.of("..", "data", "home-credit-sample");
  static final TrainingOptions OPTIONS =
      new TrainingOptions(2, 42, 0, 10, 1, 1, 0.1, 5000, TrainingOptions.NONE, java.util.Map.of());

  private static Path bundle;
  private static HomeCreditData data;

  private TestData() {}

  static synchronized HomeCreditData sample() {
    if (data == null) {
      data = HomeCreditData.load(SAMPLE, Instant.parse("2026-01-15T10:00:00Z"));
    }
    return data;
  }

  /** The bundle directory, trained on first use into a temporary folder deleted at exit. */
  static synchronized Path bundle() {
    // While developing: -Ddashboard.test.bundle=DIR trains once into DIR and reuses it after.
    String kept = System.getProperty("dashboard.test.bundle");
    if (bundle == null && kept != null) {
      Path dir = Path.of(kept);
      if (!Files.isDirectory(dir)) {
        train(dir);
      }
      bundle = dir;
    }
    if (bundle == null) {
      try {
        Path dir = Files.createTempDirectory("dashboard-bundle-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        bundle = train(dir.resolve("bundle"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bundle;
  }

  private static Path train(Path dir) {
    HomeCreditFiles files = HomeCreditFiles.locate(SAMPLE);
    long t0 = System.nanoTime();
    var result =
        new Trainer(OPTIONS, TrainingProgress.NONE).train(sample(), TrainingData.sha256(files));
    BundleWriter.write(result, dir, TrainingProgress.NONE);
    System.out.printf("test bundle trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    return dir;
  }

  /** A decision for applicant {@code index} of the sample, as the scorer would write it. */
  static Decision decision(ApplicationScorer scorer, Applicant a, String modelVersion) {
    ApplicationScorer.Scored s = scorer.score(a.application(), a.history());
    List<Float> features = new ArrayList<>(s.features().length);
    for (float f : s.features()) {
      features.add(f);
    }
    Instant at = a.application().getSubmittedAt();
    return Decision.newBuilder()
        .setApplicationId(a.application().getApplicationId())
        .setSKIDCURR(a.clientId())
        .setProbability(s.probability())
        .setDecision(s.refused() ? DecisionOutcome.REFUSED : DecisionOutcome.GRANTED)
        .setThreshold(s.threshold())
        .setModelVersion(modelVersion)
        .setFeatures(features)
        .setReceivedAt(at)
        .setDecidedAt(at.plusMillis(3))
        .build();
  }

  private static void delete(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind
    }
  }
}
