package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.monitoring.live.MonitorService;
import fr.pretadepenser.scoring.monitoring.live.MonitorSettings;
import fr.pretadepenser.scoring.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scoring monitor}: the live model monitor, until stopped (SIGTERM or Ctrl-C). */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = {
      "Watches the model in production: reads every committed decision (loan-decisions), loan"
          + " outcome (loan-outcomes) and application (loan-applications: only gender, age band and"
          + " family status are kept) from the start, and at a fixed interval publishes on"
          + " model-monitoring the data drift of a sliding window of recent applicants against"
          + " the bundle's training reference, the score drift and approval rate against its"
          + " out-of-fold predictions, and the realised AUC and business cost over the decisions"
          + " whose outcome is known, and approval and error rates by group (the four-fifths rule);"
          + " an alert on model-alerts when a threshold starts to be crossed."
    })
final class MonitorCommand implements Callable<Integer> {

  @Mixin BootstrapOption bootstrap;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "BUNDLE",
      description = "Model bundle directory: its reference.json and model card.")
  Path model;

  @Option(
      names = "--window",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Recent decisions compared with the reference (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(
      names = "--min-window",
      paramLabel = "N",
      defaultValue = "100",
      description = "Fewer decisions than this: no drift computed (default: ${DEFAULT-VALUE}).")
  int minWindow;

  @Option(
      names = "--interval-seconds",
      paramLabel = "S",
      defaultValue = "60",
      description = "Seconds between snapshots (default: ${DEFAULT-VALUE}).")
  long intervalSeconds;

  @Option(
      names = "--max-awaiting",
      paramLabel = "N",
      defaultValue = "200000",
      description =
          "Decisions kept while they wait for their outcome, the oldest dropped first (default:"
              + " ${DEFAULT-VALUE}).")
  int maxAwaiting;

  @Option(
      names = "--max-outcomes",
      paramLabel = "N",
      defaultValue = "200000",
      description =
          "Latest known outcomes the realised AUC and cost are computed over (default:"
              + " ${DEFAULT-VALUE}).")
  int maxOutcomes;

  @Option(
      names = "--fairness-min-decisions",
      paramLabel = "N",
      defaultValue = "100",
      description =
          "Decisions a group needs before the four-fifths rule can raise an alert on it, and"
              + " before its approval rate can be the others' reference (default:"
              + " ${DEFAULT-VALUE}).")
  int fairnessMinDecisions;

  @Mixin TopicPrefixOption.EveryTopicName topicPrefix;

  @Option(
      names = "--http-port",
      paramLabel = "P",
      defaultValue = "8083",
      description = "Port of GET /health; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Override
  public Integer call() throws Exception {
    MonitorSettings settings;
    Topics topics;
    try {
      settings =
          MonitorSettings.DEFAULT
              .withWindow(window, minWindow)
              .withInterval(Duration.ofSeconds(intervalSeconds))
              .withLimits(maxAwaiting, maxOutcomes)
              .withFairnessMinDecisions(fairnessMinDecisions);
      topics = topicPrefix.topics();
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
    ModelBundle bundle = ScoringCli.loadBundle(model, "cannot use model bundle: ");
    try (bundle) {
      MonitorService service = MonitorService.start(bootstrap.servers(), topics, bundle, settings);
      HealthAndMetricsServer http =
          HealthAndMetricsServer.start(
              httpPort, service::isRunning, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      System.err.printf("monitor: health on port %d%n", http.port());
      System.err.printf(
          "monitor: model %s, a snapshot every %d s on %s, alerts on %s%n",
          bundle.metadata().modelVersion(),
          intervalSeconds,
          topics.monitoring().name(),
          topics.alerts().name());
      CountDownLatch stopped = new CountDownLatch(1);
      AtomicBoolean failed = new AtomicBoolean();
      // Health DOWN for 30 s: exit non-zero, for the supervisor to restart this process.
      HealthWatch watch =
          HealthWatch.start(
              "monitor",
              service::isRunning,
              Duration.ofSeconds(10),
              3,
              () -> {
                failed.set(true);
                stopped.countDown();
              });
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    service.close();
                    http.close();
                    stopped.countDown();
                  },
                  "monitor-shutdown"));
      stopped.await();
      watch.close();
      if (failed.get()) {
        return 1;
      }
    }
    return 0;
  }
}
