package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.broker.ProjectTopics;
import fr.pretadepenser.scoring.dashboard.DashboardApplication;
import fr.pretadepenser.scoring.explain.DecisionExplainer;
import fr.pretadepenser.scoring.explain.PathToApproval;
import fr.pretadepenser.scoring.explainer.ExplainerConfig;
import fr.pretadepenser.scoring.explainer.ExplainerService;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.homecredit.prep.DemoSplit;
import fr.pretadepenser.scoring.homecredit.prep.ScaleUp;
import fr.pretadepenser.scoring.homecredit.prep.SourceData;
import fr.pretadepenser.scoring.ingest.replay.Replay;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.monitoring.live.MonitorService;
import fr.pretadepenser.scoring.monitoring.live.MonitorSettings;
import fr.pretadepenser.scoring.schemas.Topics;
import fr.pretadepenser.scoring.scorer.ScorerConfig;
import fr.pretadepenser.scoring.scorer.ScorerService;
import fr.pretadepenser.scoring.training.BundleWriter;
import fr.pretadepenser.scoring.training.ExclusionOptions;
import fr.pretadepenser.scoring.training.Trainer;
import fr.pretadepenser.scoring.training.TrainingData;
import fr.pretadepenser.scoring.training.TrainingOptions;
import fr.pretadepenser.scoring.training.TrainingResult;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scoring demo}: the whole system in this one JVM on an embedded broker, so that Ctrl-C (or
 * SIGTERM) stops every part with it and nothing is left behind.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the whole system on an embedded Kafka broker: splits --data by client (80%% to train"
          + " on, 20%% as new applicants, stratified and seeded), trains a bundle with fixed"
          + " parameters when WORKDIR/bundle has none, starts the scorer, the explainer and the"
          + " dashboard, then replays the new applicants (history first) at --rate.",
      "Prints the dashboard's URL and login; Ctrl-C stops everything."
    })
final class DemoCommand implements Callable<Integer> {

  /** Share of the sample's clients kept out of training and replayed as new applicants. */
  static final double NEW_APPLICANTS = 0.2;

  static final long SEED = 42;

  static final int PARTITIONS = 4;

  @Option(
      names = "--port",
      paramLabel = "P",
      description = "Dashboard port (default: ${DEFAULT-VALUE}).")
  int port = 8080;

  @Option(
      names = "--workdir",
      paramLabel = "DIR",
      description = "Where the split data, the bundle and the broker's files go (default: demo).")
  Path workdir = Path.of("demo");

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Labelled Kaggle tables (default: data/home-credit-sample).")
  Path data = Path.of("data", "home-credit-sample");

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "Applications per second replayed (default: ${DEFAULT-VALUE}).")
  double rate = 20;

  @Option(
      names = "--generated",
      paramLabel = "N",
      description =
          "Generated applicants (copies of the new applicants under fresh ids) replayed after"
              + " them at --rate (default: 0).")
  int generated;

  @Option(
      names = "--outcomes-after",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "Seconds after the replay before the new applicants' real outcomes (their TARGET) are"
              + " published on loan-outcomes, as a lender learns them months later, so that the"
              + " monitoring's realised performance fills in; negative: never (default:"
              + " ${DEFAULT-VALUE}).")
  long outcomesAfter;

  @Override
  public Integer call() throws Exception {
    if (!(rate > 0) || generated < 0 || port < 0 || port > 65535) {
      throw new UserException("--rate must be positive, --generated 0 or more, --port 0..65535");
    }
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    Files.createDirectories(workdir);
    ThinFileApplicant.Added thin = ThinFileApplicant.add(split());
    DemoSplit.Parts parts = thin.parts();
    if (thin.clientId() >= 0) {
      System.err.printf(
          "demo: client %d applies with no credit history: the thin-file model decides it%n",
          thin.clientId());
    }
    Path bundleDir = workdir.resolve("bundle");
    if (!Files.exists(bundleDir.resolve("model.onnx"))) {
      train(parts.train(), bundleDir);
    }
    // Parts started so far, stopped in reverse order by Ctrl-C or by a failed start.
    Deque<AutoCloseable> started = new ArrayDeque<>();
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              closeAll(started);
              stop.countDown();
            },
            "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    exitCleanlyOn("INT");
    exitCleanlyOn("TERM");
    try {
      // A fresh broker and fresh scorer state each run: the replay publishes the same
      // applications again, and each must get exactly one decision.
      Path kafkaDir = workdir.resolve("kafka");
      deleteTree(kafkaDir);
      deleteTree(workdir.resolve("scorer-state"));
      LocalKafkaBroker broker = LocalKafkaBroker.start(0, kafkaDir);
      started.push(broker);
      String bootstrap = broker.bootstrapServers();
      // Every topic up front, with the scorer's partition count: the broker does not create
      // topics on first use, and the explainer's output must exist before its first transaction.
      ProjectTopics.create(bootstrap, Topics.standard(), PARTITIONS);

      String password = System.getenv("SCORING_ADVISOR_PASSWORD");
      // A password chosen by the user is a secret: never echoed into a log. Only a generated one is
      // printed, since nobody could sign in otherwise. One login for the dashboard and the scorer's
      // query routes.
      String login = "login advisor, password from SCORING_ADVISOR_PASSWORD";
      if (password == null || password.isBlank()) {
        byte[] b = new byte[9];
        new SecureRandom().nextBytes(b);
        password = HexFormat.of().formatHex(b);
        login = "login advisor / " + password;
      }
      ModelBundle bundle = ModelBundle.load(bundleDir);
      started.push(bundle);
      ScorerService scorer =
          ScorerService.start(
              ScorerConfig.defaults(bootstrap)
                  .withThreads(1)
                  .withStateDir(workdir.resolve("scorer-state")),
              // The bundle's review band, as bin/scoring scorer applies it by default.
              ApplicationScorer.banded(bundle),
              new ScorerService.Http(new InetSocketAddress("localhost", 0), "localhost", password),
              PARTITIONS);
      started.push(scorer::close);

      DecisionExplainer explainer = DecisionExplainer.of(bundle, Locale.ENGLISH);
      started.push(explainer);
      ExplainerService explaining =
          ExplainerService.start(
              ExplainerConfig.defaults(bootstrap).withConcurrency(1),
              explainer,
              new PathToApproval(ApplicationScorer.of(bundle)),
              new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      started.push(explaining::close);

      // Snapshots every 5 s, from 100 decisions: the demo's 616 applicants all fit in the window of
      // 1,000.
      MonitorService monitor =
          MonitorService.start(
              bootstrap,
              Topics.standard(),
              bundle,
              MonitorSettings.DEFAULT.withWindow(1_000, 100).withInterval(Duration.ofSeconds(5)));
      started.push(monitor);

      ConfigurableApplicationContext dashboard =
          DashboardApplication.builder()
              .run(
                  DashboardApplication.arguments(
                      bootstrap, bundleDir, port, "", "--dashboard.advisor-password=" + password));
      started.push(dashboard::close);
      System.out.printf(
          "Demo running: http://localhost:%s/ (%s); replaying %,d new applicants"
              + " at %s/s; Ctrl-C to stop.%n",
          dashboard.getEnvironment().getProperty("local.server.port"),
          login,
          parts.freshClients(),
          rate);
      System.out.flush();

      Thread replay = new Thread(() -> replay(bootstrap, parts.fresh()), "demo-replay");
      replay.setDaemon(true);
      replay.start();
    } catch (RuntimeException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      closeAll(started);
      throw new UserException("the demo did not start: " + e.getMessage(), e);
    }
    stop.await();
    return 0;
  }

  /**
   * Ctrl-C (and a service manager's TERM) end the demo with exit status 0 once the shutdown hook
   * has stopped every part: the JVM's default would be 130 or 143, which scripts read as a failure
   * although stopping is the demo's normal end. sun.misc.Signal because the JDK has no supported
   * API for it. (A signal the demo was started ignoring, like SIGINT in a script's background job,
   * stays ignored: the JVM does not take it over.)
   */
  @SuppressWarnings("removal")
  private static void exitCleanlyOn(String signal) {
    sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> System.exit(0));
  }

  private DemoSplit.Parts split() {
    Path out = workdir.resolve("data");
    System.err.printf(
        "demo: splitting %s into %s/train (80%%) and %s/new (20%%)%n", data, out, out);
    return DemoSplit.write(data, out, NEW_APPLICANTS, SEED);
  }

  /**
   * Fixed parameters so that training takes about a minute at most on the sample: the kernel's
   * parameters (no search), no weighting comparison, 3 folds, learning rate 0.1; the default
   * exclusions (protected columns out, non-actionable ones by the cross-validated rule), as {@code
   * scoring train} applies them.
   */
  private static void train(Path trainData, Path bundleDir) {
    System.err.println("demo: training the bundle on " + trainData + " (fixed parameters)");
    TrainingOptions options =
        new TrainingOptions(
            3,
            SEED,
            0,
            10,
            1,
            2,
            0.1,
            1000,
            TrainingOptions.NONE,
            Map.of(),
            ExclusionOptions.defaults());
    HomeCreditFiles files = HomeCreditFiles.locate(trainData);
    TrainingResult result =
        new Trainer(options, TrainCommand::bar)
            .train(Progress.read(files, 2), TrainingData.sha256(files));
    BundleWriter.Written written = BundleWriter.write(result, bundleDir, TrainCommand::bar);
    System.err.print(TrainCommand.exclusionLines(written.card()).replace("  ", "demo: "));
  }

  private void replay(String bootstrap, Path fresh) {
    try {
      Replay.Summary s =
          Replay.run(
              new Replay.Options(bootstrap, fresh, rate, Replay.Mode.ALL, ""),
              Replay.Listener.NONE);
      System.err.printf(
          "demo: replayed %,d applicants (%,d history events)%n", s.clients(), s.events());
      if (outcomesAfter >= 0) {
        Thread.sleep(outcomesAfter * 1000);
        Replay.Summary o =
            Replay.run(
                new Replay.Options(bootstrap, fresh, null, Replay.Mode.OUTCOMES_ONLY, ""),
                Replay.Listener.NONE);
        System.err.printf("demo: published the outcomes of %,d applicants%n", o.outcomes());
      }
      if (generated > 0) {
        Path out = workdir.resolve("data").resolve("generated");
        deleteTree(out);
        generate(fresh, out);
        Replay.Summary g =
            Replay.run(
                new Replay.Options(bootstrap, out, rate, Replay.Mode.ALL, ""),
                Replay.Listener.NONE);
        System.err.printf("demo: replayed %,d generated applicants%n", g.clients());
      }
    } catch (RuntimeException e) {
      System.err.println("demo: the replay failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Copies of the new applicants under fresh ids (bin/scoring generate's generator). */
  private void generate(Path from, Path out) {
    SourceData source = new SourceData(HomeCreditFiles.locate(from));
    ScaleUp scaleUp = new ScaleUp(source, generated, SEED);
    try {
      Files.createDirectories(out);
      for (var t : source.tables()) {
        String name = source.file(t).getFileName().toString();
        scaleUp.write(t, out.resolve(name), false, n -> {});
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write generated applicants to " + out, e);
    }
  }

  private static void closeAll(Deque<AutoCloseable> started) {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("demo: while stopping: " + e);
      }
    }
  }

  private static void deleteTree(Path dir) {
    try {
      FileSystemUtils.deleteRecursively(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir, e);
    }
  }
}
