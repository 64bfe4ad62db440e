package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.explain.DecisionExplainer;
import fr.pretadepenser.scoring.explain.InvariantWatch;
import fr.pretadepenser.scoring.explain.PathToApproval;
import fr.pretadepenser.scoring.explainer.ExplainerConfig;
import fr.pretadepenser.scoring.explainer.ExplainerService;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scoring explainer}: the streaming explainer, until stopped (SIGTERM or Ctrl-C stop it
 * after the current transaction).
 */
@Command(
    name = "explainer",
    mixinStandardHelpOptions = true,
    description = {
      "Explains every decision of loan-decisions (read_committed) with the model bundle's exact"
          + " SHAP contributions (LightGBM TreeSHAP) and plain-language reasons, and writes"
          + " loan-decisions-explained in the same Kafka transaction as the consumed offsets."
          + " Decisions of another model version, undecodable records and explanations that do"
          + " not add up to the decision's probability go to scoring-dlq with the reason.",
      "Runs until stopped; logs the invariant's watch (largest |base + sum - logit(p)|) every"
          + " minute."
    })
final class ExplainerCommand implements Callable<Integer> {

  @Mixin BootstrapOption bootstrap;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "BUNDLE",
      description = "Model bundle directory (written by train); its model.txt is explained.")
  Path model;

  @Option(
      names = "--group-id",
      paramLabel = "ID",
      defaultValue = ExplainerConfig.DEFAULT_GROUP_ID,
      description =
          "Consumer group; instances with the same group share the partitions"
              + " (default: ${DEFAULT-VALUE}).")
  String groupId;

  @Option(
      names = "--transaction-id-prefix",
      paramLabel = "P",
      description =
          "Kafka transactional id prefix: keep it across restarts of one instance, make it"
              + " differ between instances running side by side; a starting instance aborts what"
              + " a killed run left open under it (default: "
              + ExplainerConfig.DEFAULT_TRANSACTION_ID_PREFIX
              + ", or "
              + ExplainerConfig.DEFAULT_TRANSACTION_ID_PREFIX
              + "ID- with --instance-id ID).")
  String transactionIdPrefix;

  @Option(
      names = "--instance-id",
      paramLabel = "ID",
      description =
          "Stable name of this instance across restarts (e.g. explainer-1): static membership"
              + " (group.instance.id), so that a restarted instance takes its partitions back at"
              + " once, without waiting for its dead run's session.")
  String instanceId;

  @Option(
      names = "--session-timeout-ms",
      paramLabel = "MS",
      defaultValue = "" + ExplainerConfig.DEFAULT_SESSION_TIMEOUT_MS,
      description =
          "How long the group waits for a silent instance before moving its partitions"
              + " (default: ${DEFAULT-VALUE}).")
  long sessionTimeoutMs;

  @Option(
      names = "--transaction-timeout-ms",
      paramLabel = "MS",
      defaultValue = "" + ExplainerConfig.DEFAULT_TRANSACTION_TIMEOUT_MS,
      description =
          "How long the broker lets a transaction stay open before aborting it; readers wait"
              + " that long after a crash without restart (default: ${DEFAULT-VALUE}).")
  long transactionTimeoutMs;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Consumer threads (default: one per core).")
  Integer threads;

  @Option(
      names = "--locale",
      paramLabel = "LANG",
      defaultValue = "en",
      description = "Language of the reasons: en or fr (default: ${DEFAULT-VALUE}).")
  String locale;

  @Mixin TopicPrefixOption.EveryTopicName topicPrefix;

  @Option(
      names = "--http-port",
      paramLabel = "P",
      defaultValue = "8082",
      description =
          "Port of GET /health and GET /metrics (Prometheus: the invariant's watch, decisions"
              + " explained and dead-lettered); 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Override
  public Integer call() throws Exception {
    ExplainerConfig config;
    try {
      config =
          ExplainerConfig.defaults(bootstrap.servers())
              .withTopics(topicPrefix.topics())
              .withGroupId(groupId)
              .withTransactionIdPrefix(transactionIdPrefix(transactionIdPrefix, instanceId))
              .withConcurrency(
                  threads != null ? threads : Runtime.getRuntime().availableProcessors())
              .withInstanceId(instanceId)
              .withSessionTimeoutMs(sessionTimeoutMs)
              .withTransactionTimeoutMs(transactionTimeoutMs);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
    if (!locale.equals("en") && !locale.equals("fr")) {
      throw new UserException("--locale must be en or fr, not " + locale);
    }
    ModelBundle bundle = ScoringCli.loadBundle(model, "cannot use model bundle: ");
    try (bundle;
        DecisionExplainer explainer = DecisionExplainer.of(bundle, Locale.forLanguageTag(locale))) {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      // Paths to approval are searched on the same bundle's ONNX model, through the scorer's path.
      ExplainerService service =
          ExplainerService.start(
              config, explainer, new PathToApproval(ApplicationScorer.of(bundle)), registry);
      HealthAndMetricsServer http =
          HealthAndMetricsServer.start(httpPort, service::isRunning, registry);
      System.err.printf("explainer: health and metrics on port %d%n", http.port());
      System.err.printf(
          "explainer: model %s, %d features, reading %s%n",
          explainer.modelVersion(),
          explainer.featureNames().size(),
          config.topics().decisions().name());
      CountDownLatch stopped = new CountDownLatch(1);
      AtomicBoolean failed = new AtomicBoolean();
      // Health DOWN for 30 s: exit non-zero, for the supervisor to restart this process.
      HealthWatch watch =
          HealthWatch.start(
              "explainer",
              service::isRunning,
              Duration.ofSeconds(10),
              3,
              () -> {
                failed.set(true);
                stopped.countDown();
              });
      ScheduledExecutorService log = Executors.newSingleThreadScheduledExecutor();
      log.scheduleAtFixedRate(
          () -> report(explainer.invariant(), registry), 1, 1, TimeUnit.MINUTES);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    log.shutdownNow();
                    service.close();
                    http.close();
                    report(explainer.invariant(), registry);
                    stopped.countDown();
                  },
                  "explainer-shutdown"));
      stopped.await();
      watch.close();
      if (failed.get()) {
        return 1;
      }
    }
    return 0;
  }

  /**
   * The prefix given, else one of this instance's own: two instances with their own ids never share
   * transactional ids, which each fences at its start.
   */
  static String transactionIdPrefix(String given, String instanceId) {
    if (given != null) {
      return given;
    }
    return instanceId == null
        ? ExplainerConfig.DEFAULT_TRANSACTION_ID_PREFIX
        : ExplainerConfig.DEFAULT_TRANSACTION_ID_PREFIX + instanceId + "-";
  }

  private static void report(InvariantWatch watch, MeterRegistry registry) {
    double explained =
        registry.find("explainer.decisions.explained").counters().stream()
            .mapToDouble(c -> c.count())
            .sum();
    double dead =
        registry.find("explainer.decisions.dead.lettered").counters().stream()
            .mapToDouble(c -> c.count())
            .sum();
    System.err.printf(
        Locale.ROOT,
        "explainer: %.0f explained, %.0f dead letters; invariant: %d checks, %d violations,"
            + " max |base + sum - logit(p)| = %.3g%n",
        explained,
        dead,
        watch.checks(),
        watch.violations(),
        watch.maxError());
  }
}
