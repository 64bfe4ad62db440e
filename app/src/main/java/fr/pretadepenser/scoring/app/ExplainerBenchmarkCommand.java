package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.explain.DecisionExplainer;
import fr.pretadepenser.scoring.explain.PathToApproval;
import fr.pretadepenser.scoring.explain.TreeShapImplementation;
import fr.pretadepenser.scoring.explainer.ExplainerBenchmark;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.BundleFiles;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.schemas.FloatArrayList;
import fr.pretadepenser.scoring.schemas.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scoring explainer-benchmark}: explanations per second of a bundle's model on real
 * decisions (every applicant of DIR decided by the bundle, as the scorer would), without Kafka.
 */
@Command(
    name = "explainer-benchmark",
    mixinStandardHelpOptions = true,
    description =
        "Explanations per second: THREADS threads explain the decisions of every applicant of DIR"
            + " (decided by the bundle's ONNX model) as the streaming explainer does, TreeSHAP,"
            + " invariant check, reasons, Avro encoding; then a one-thread breakdown, and the"
            + " path to approval's CPU time per refusal.")
final class ExplainerBenchmarkCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle.")
  Path model;

  @Mixin DataOption data;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Explaining threads (default: ${DEFAULT-VALUE}).")
  int threads = 2;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      description = "Measured period (default: ${DEFAULT-VALUE}).")
  double seconds = 20;

  @Option(
      names = "--warmup-seconds",
      paramLabel = "S",
      description = "Warm-up before measuring, for the JIT (default: ${DEFAULT-VALUE}).")
  double warmupSeconds = 10;

  @Option(
      names = "--compare",
      description =
          "Then time the Java TreeSHAP against LightGBM's on the same rows (one thread, CPU"
              + " time, --warmup-seconds then --seconds each) and print last one JSON line:"
              + " java_treeshap_per_s, lightgbm_treeshap_per_s, ratio, max_abs_diff.")
  boolean compare;

  @Override
  public Integer call() throws Exception {
    if (threads < 1 || seconds <= 0 || warmupSeconds < 0) {
      throw new UserException(
          "--threads must be at least 1, --seconds positive, --warmup-seconds not negative");
    }
    ModelBundle bundle = ScoringCli.loadBundle(model, "cannot use model bundle: ");
    try (bundle;
        DecisionExplainer explainer = DecisionExplainer.of(bundle)) {
      HomeCreditData loaded = Progress.read(HomeCreditFiles.locate(data.dir()), 2);
      ApplicationScorer scorer = ApplicationScorer.of(bundle);
      List<Decision> decisions = new ArrayList<>();
      for (int i = 0; i < loaded.size(); i++) {
        Applicant a = loaded.applicant(i);
        ApplicationScorer.Scored s = scorer.score(a.application(), a.history());
        decisions.add(
            Decision.newBuilder()
                .setApplicationId("bench-" + a.clientId())
                .setSKIDCURR(a.clientId())
                .setProbability(s.probability())
                .setDecision(s.refused() ? DecisionOutcome.REFUSED : DecisionOutcome.GRANTED)
                .setThreshold(s.threshold())
                .setModelVersion(bundle.metadata().modelVersion())
                .setFeatures(new FloatArrayList(s.features()))
                .setReceivedAt(Instant.now())
                .setDecidedAt(Instant.now())
                .setApplication(s.refused() ? a.application() : null) // as the scorer writes it
                // Set, not defaulted: Avro would look up the record class of the default, untrusted
                // in a JVM where no serde has run.
                .setHistoryPresence(java.util.List.of())
                .build());
      }
      int trees = 0;
      long leaves = 0;
      for (String line : Files.readAllLines(bundle.directory().resolve(BundleFiles.MODEL_TXT))) {
        if (line.startsWith("Tree=")) {
          trees++;
        } else if (line.startsWith("num_leaves=")) {
          leaves += Long.parseLong(line.substring("num_leaves=".length()).trim());
        }
      }
      System.out.printf(
          Locale.ROOT,
          "model %s: %d trees, %d leaves, %d features; %d decisions from %s; %d cores%n",
          explainer.modelVersion(),
          trees,
          leaves,
          explainer.featureNames().size(),
          decisions.size(),
          data.dir(),
          Runtime.getRuntime().availableProcessors());
      ExplainerBenchmark.Result r =
          ExplainerBenchmark.run(explainer, decisions, threads, warmupSeconds, seconds);
      System.out.printf(
          Locale.ROOT,
          "%d threads: %d explanations in %.1f s = %.0f explanations/s"
              + " (CPU %.1f µs per explanation, so %.0f/s on %d fully available cores)%n"
              + "one thread, CPU per explanation: %.1f µs = TreeSHAP (%s) %.1f µs + reasons,"
              + " event, encoding %.1f µs%n"
              + "invariant: %d checks, %d violations, max |base + sum - logit(p)| = %.3g%n",
          r.threads(),
          r.explained(),
          r.seconds(),
          r.explainedPerSecond(),
          r.cpuMicrosPerExplanation(),
          r.threads() * 1e6 / r.cpuMicrosPerExplanation(),
          r.threads(),
          r.microsPerExplanation(),
          describe(explainer.implementation()),
          r.microsTreeShap(),
          r.microsRest(),
          explainer.invariant().checks(),
          explainer.invariant().violations(),
          explainer.invariant().maxError());
      pathToApproval(scorer, decisions);
      if (compare) {
        compare(bundle, explainer, decisions);
      }
    }
    return 0;
  }

  /**
   * The path to approval's cost, one thread, CPU time per refusal over every refusal (after a
   * warm-up pass), the share found, and the bytes the application adds to a refusal's Decision.
   */
  private void pathToApproval(ApplicationScorer scorer, List<Decision> decisions) {
    List<Decision> refusals =
        decisions.stream().filter(d -> d.getDecision() == DecisionOutcome.REFUSED).toList();
    if (refusals.isEmpty()) {
      return;
    }
    PathToApproval path = new PathToApproval(scorer);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long deadline = System.nanoTime() + (long) (warmupSeconds * 1e9);
    do {
      for (Decision d : refusals) {
        path.of(d);
      }
    } while (System.nanoTime() < deadline);
    long searched = 0;
    int found = 0;
    long evaluations = 0;
    long cpuStart = cpu.getCurrentThreadCpuTime();
    long wallStart = System.nanoTime();
    deadline = wallStart + (long) (seconds * 1e9);
    do {
      for (Decision d : refusals) {
        PathToApproval.Result r =
            path.search(
                DecisionExplainer.floats(d.getFeatures()), d.getApplication(), d.getThreshold());
        searched++;
        found += r.found() ? 1 : 0;
        evaluations += r.evaluations();
      }
    } while (System.nanoTime() < deadline);
    double cpuMicros = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e3 / searched;
    var serializer = Topics.standard().decisions().valueSerde().serializer();
    long with = 0;
    long without = 0;
    for (Decision d : refusals) {
      with += serializer.serialize("", d).length;
      without +=
          serializer.serialize("", Decision.newBuilder(d).setApplication(null).build()).length;
    }
    System.out.printf(
        Locale.ROOT,
        "path to approval, one thread: %d refusals searched %d times, %.1f µs CPU per refusal"
            + " (%.1f candidates scored on average, at most %d); %d of %d refusals have a path"
            + " (%.1f%%); the application adds %.0f bytes to a refusal's Decision (%.0f without"
            + " it), one byte to a grant's%n",
        refusals.size(),
        searched / refusals.size(),
        cpuMicros,
        (double) evaluations / searched,
        PathToApproval.MAX_EVALUATIONS,
        found * refusals.size() / searched,
        refusals.size(),
        100.0 * found / searched,
        (double) (with - without) / refusals.size(),
        (double) without / refusals.size());
  }

  private void compare(ModelBundle bundle, DecisionExplainer explainer, List<Decision> decisions) {
    // A fresh Java explainer: its memory of leaf terms must not hold these rows yet.
    try (DecisionExplainer java =
            DecisionExplainer.of(bundle, Locale.ENGLISH, TreeShapImplementation.JAVA);
        DecisionExplainer lightGbm =
            DecisionExplainer.of(bundle, Locale.ENGLISH, TreeShapImplementation.LIGHTGBM)) {
      ExplainerBenchmark.Comparison c =
          ExplainerBenchmark.compare(java, lightGbm, decisions, warmupSeconds, seconds);
      System.out.printf(
          Locale.ROOT,
          "TreeSHAP alone, one thread, per second of CPU: Java %.0f rows/s (%d rows timed),"
              + " LightGBM %.0f rows/s (%d rows timed): %.2f times; Java on rows never seen"
              + " before %.0f rows/s; max |Java - LightGBM| over %d rows = %s%n",
          c.javaPerSecond(),
          c.javaRows(),
          c.lightGbmPerSecond(),
          c.lightGbmRows(),
          c.ratio(),
          c.javaUnseenPerSecond(),
          c.rows(),
          Double.toString(c.maxAbsDiff()));
      System.out.println(c.json());
    }
  }

  private static String describe(TreeShapImplementation implementation) {
    return implementation == TreeShapImplementation.JAVA ? "Java" : "LightGBM + lightgbm4j copies";
  }
}
