package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.schemas.FloatArrayList;
import fr.pretadepenser.scoring.schemas.TrustedEventClasses;
import fr.pretadepenser.scoring.training.BundleWriter;
import fr.pretadepenser.scoring.training.Trainer;
import fr.pretadepenser.scoring.training.TrainingData;
import fr.pretadepenser.scoring.training.TrainingOptions;
import fr.pretadepenser.scoring.training.TrainingProgress;
import fr.pretadepenser.scoring.training.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A real model bundle trained once per test JVM on the shipped sample (3 folds, no search, no
 * weighting comparison, as app's SampleBundle), and the sample's decisions made by it through the
 * scorer's own path ({@link ApplicationScorer}: feature definition, ONNX model, threshold). Shared
 * with the explainer service's tests through this module's test jar.
 */
public final class SampleBundle {

  public static final Path SAMPLE = Path.of("..", "data", "home-credit-sample");

  static final TrainingOptions OPTIONS =
      new TrainingOptions(3, 42, 0, 10, 1, 1, 0.1, 5000, TrainingOptions.NONE, java.util.Map.of());

  private static Path bundle;
  private static List<Decision> decisions;
  private static List<Decision> banded;

  private SampleBundle() {}

  public static synchronized Path directory() {
    if (bundle == null) {
      load();
    }
    return bundle;
  }

  /** Every sample applicant's decision by the shared bundle, in file order. */
  public static synchronized List<Decision> decisions() {
    if (decisions == null) {
      load();
    }
    return decisions;
  }

  /**
   * The same decisions with the bundle's review band applied, as the scorer does by default: REVIEW
   * inside it, the band on every decision, the application on refusals and reviews.
   */
  public static synchronized List<Decision> decisionsWithTheBundlesBand() {
    if (banded == null) {
      load();
    }
    return banded;
  }

  private static void load() {
    // Decision's record-typed default (history_presence) is instantiated by class name, which Avro
    // refuses for untrusted classes unless a serde has installed the trust first.
    fr.pretadepenser.scoring.schemas.TrustedEventClasses.install();
    try {
      Path dir = Files.createTempDirectory("explainer-sample-bundle-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      HomeCreditFiles files = HomeCreditFiles.locate(SAMPLE);
      HomeCreditData data =
          HomeCreditData.load(files, new HomeCreditData.Options(Instant.now(), 2, n -> {}));
      TrainingResult result =
          new Trainer(OPTIONS, TrainingProgress.NONE).train(data, TrainingData.sha256(files));
      bundle = dir.resolve("bundle");
      BundleWriter.write(result, bundle, TrainingProgress.NONE);
      List<Decision> made = new ArrayList<>();
      List<Decision> withBand = new ArrayList<>();
      try (ModelBundle opened = ModelBundle.load(bundle)) {
        ApplicationScorer scorer = ApplicationScorer.of(opened);
        ApplicationScorer bandScorer = scorer.withReviewBand(opened.card().band());
        for (int i = 0; i < data.size(); i++) {
          Applicant a = data.applicant(i);
          ApplicationScorer.Scored s = scorer.score(a.application(), a.history());
          made.add(decision(a, s, opened.metadata().modelVersion()));
          ApplicationScorer.Scored b = bandScorer.score(s.features());
          withBand.add(
              Decision.newBuilder(decision(a, s, opened.metadata().modelVersion()))
                  .setDecision(b.outcome())
                  .setReviewLow(b.reviewLow())
                  .setReviewHigh(b.reviewHigh())
                  .setApplication(b.outcome() != DecisionOutcome.GRANTED ? a.application() : null)
                  .build());
        }
      }
      decisions = List.copyOf(made);
      banded = List.copyOf(withBand);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Decision decision(Applicant a, ApplicationScorer.Scored s, String version) {
    // Decision v5's history_presence defaults to an array of records: building one with the
    // default makes Avro look the record class up, which it refuses unless trusted (no serde has
    // run in this JVM to trust it).
    TrustedEventClasses.install();
    return Decision.newBuilder()
        .setApplicationId("app-" + a.clientId())
        .setSKIDCURR(a.clientId())
        .setProbability(s.probability())
        .setDecision(s.refused() ? DecisionOutcome.REFUSED : DecisionOutcome.GRANTED)
        .setThreshold(s.threshold())
        .setModelVersion(version)
        .setFeatures(new FloatArrayList(s.features()))
        .setReceivedAt(Instant.EPOCH)
        .setDecidedAt(Instant.EPOCH)
        .setApplication(s.refused() ? a.application() : null) // as the scorer: refusals only
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
