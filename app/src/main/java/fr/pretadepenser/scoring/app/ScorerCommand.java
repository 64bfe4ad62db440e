package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.BundleException;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.scorer.ScorerConfig;
import fr.pretadepenser.scoring.scorer.ScorerService;
import fr.pretadepenser.scoring.scorer.ScorerStartException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scoring scorer}: the Kafka Streams scorer, until stopped (SIGTERM or Ctrl-C stop it
 * cleanly: the open transaction is committed and the partitions handed over).
 */
@Command(
    name = "scorer",
    mixinStandardHelpOptions = true,
    description = {
      "Scores loan applications from Kafka: folds client-history into a per-client store, decides"
          + " each application of loan-applications with the model bundle, writes loan-decisions"
          + " and, for bad input, scoring-dlq. Runs until stopped.",
      "Queries: GET http://HOST:HTTP_PORT/clients/{id}/history, /clients/{id}/decision, /health."
    })
final class ScorerCommand implements Callable<Integer> {

  @Mixin BootstrapOption bootstrap;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "BUNDLE",
      description = "Model bundle directory (written by train).")
  Path model;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      defaultValue = ScorerConfig.DEFAULT_APPLICATION_ID,
      description =
          "Kafka Streams application id; instances with the same id share the work"
              + " (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Where the state stores live (default: ~/.scoring/scorer-state).")
  Path stateDir;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Stream threads (default: one per core).")
  Integer threads;

  @Option(
      names = "--http-port",
      paramLabel = "P",
      defaultValue = "8081",
      description = "Port of the query routes; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--advertised-host",
      paramLabel = "HOST",
      defaultValue = "localhost",
      description =
          "Host name other instances and services reach this one's queries at"
              + " (default: ${DEFAULT-VALUE}).")
  String advertisedHost;

  @Option(
      names = "--advertised-query",
      paramLabel = "HOST:PORT",
      description =
          "Address other instances reach this one's queries at, when it differs from"
              + " --advertised-host and the HTTP port (a port mapping, a proxy); published as"
              + " application.server so that any instance can answer for every client.")
  String advertisedQuery;

  @Option(
      names = "--instance-id",
      paramLabel = "ID",
      description =
          "Stable name of this instance across restarts (e.g. scorer-1): static membership"
              + " (group.instance.id) and its own state folder under --state-dir. A restarted"
              + " instance fences its previous run's transactions and members, so its"
              + " partitions move at once to the instance holding their standby copies.")
  String instanceId;

  @Option(
      names = "--standby-replicas",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Warm copies of each partition's stores kept on other instances, for a failover in"
              + " seconds; harmless with one instance (default: ${DEFAULT-VALUE}).")
  int standbyReplicas;

  @Option(
      names = "--session-timeout-ms",
      paramLabel = "MS",
      defaultValue = "10000",
      description =
          "How long the group waits for a silent instance before moving its partitions"
              + " (default: ${DEFAULT-VALUE}).")
  long sessionTimeoutMs;

  @Option(
      names = "--transaction-timeout-ms",
      paramLabel = "MS",
      defaultValue = "30000",
      description =
          "How long the broker lets a transaction stay open before aborting it; readers wait"
              + " that long after a crash without restart (default: ${DEFAULT-VALUE}).")
  long transactionTimeoutMs;

  @Mixin TopicPrefixOption.EveryTopicName topicPrefix;

  @Mixin ReviewBandOption reviewBand;

  @Option(
      names = "--commit-interval-ms",
      paramLabel = "MS",
      defaultValue = "" + ScorerConfig.DEFAULT_COMMIT_INTERVAL_MS,
      description =
          "Transaction commit interval; decisions become visible to read-committed"
              + " consumers at commits (default: ${DEFAULT-VALUE}).")
  long commitIntervalMs;

  @Option(
      names = "--history-cache-events",
      paramLabel = "N",
      defaultValue = "" + ScorerConfig.DEFAULT_HISTORY_CACHE_EVENTS,
      description =
          "Decoded history events each task keeps in memory for the next applications"
              + " of recent clients; 0 turns the cache off (default: ${DEFAULT-VALUE}).")
  long historyCacheEvents;

  @Option(
      names = "--history-wait-seconds",
      paramLabel = "S",
      defaultValue = "" + ScorerConfig.DEFAULT_HISTORY_WAIT_MS / 1000,
      description =
          "How long an application that announces its history (history_events) waits for the"
              + " events not yet read before it is decided on the history at hand; the decision"
              + " then records both counts. 0 never waits (default: ${DEFAULT-VALUE}).")
  long historyWaitSeconds;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "4",
      description =
          "Partitions of the topics this command creates when none of the input topics"
              + " exists yet (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Override
  public Integer call() throws Exception {
    quietKafkaLogs();
    ScorerConfig config;
    ScorerService.Http http;
    if (httpPort < 0 || httpPort > 65535 || partitions < 1) {
      throw new UserException("--http-port must be 0..65535 and --partitions at least 1");
    }
    try {
      config =
          ScorerConfig.defaults(bootstrap.servers())
              .withApplicationId(applicationId)
              .withThreads(threads != null ? threads : Runtime.getRuntime().availableProcessors())
              .withTopics(topicPrefix.topics())
              // Recovery first: the commit interval is checked against its transaction timeout.
              .withRecovery(
                  ScorerConfig.Recovery.DEFAULTS
                      .withInstanceId(instanceId)
                      .withStandbyReplicas(standbyReplicas)
                      .withSessionTimeoutMs(sessionTimeoutMs)
                      .withTransactionTimeoutMs(transactionTimeoutMs))
              .withCommitIntervalMs(commitIntervalMs)
              .withHistoryCacheEvents(historyCacheEvents)
              .withHistoryWaitMs(Math.multiplyExact(historyWaitSeconds, 1000L));
      if (stateDir != null) {
        config = config.withStateDir(stateDir);
      }
      http = new ScorerService.Http(new InetSocketAddress(httpPort), advertisedHost);
      if (advertisedQuery != null) {
        http = http.withAdvertisedQuery(advertisedQuery);
      }
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    } catch (ArithmeticException e) {
      throw new UserException("--history-wait-seconds " + historyWaitSeconds + " is too large", e);
    }
    // Before the bundle (seconds on a busy machine): a killed previous run's partitions move now.
    ScorerService.clearPreviousRun(config);
    // Includes "feature mismatch": the scorer must not start on a model it would feed wrongly.
    ModelBundle bundle = ScoringCli.loadBundle(model, "cannot use model bundle: ");
    try (bundle) {
      ScorerService service;
      ApplicationScorer scorer = reviewBand.scorer(bundle);
      System.err.println("scorer: " + ReviewBandOption.describe(scorer.reviewBand()));
      try {
        service = ScorerService.start(config, scorer, http, partitions);
      } catch (ScorerStartException | BundleException e) {
        throw new UserException(e.getMessage(), e);
      }
      Thread hook = new Thread(service::close, "scorer-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      boolean failed = service.awaitStop();
      return failed ? ScoringCli.BAD_INPUT : 0;
    }
  }

  /**
   * Kafka's clients log every config at INFO; the scorer's own lines are what an operator reads.
   */
  private static void quietKafkaLogs() {
    String key = "org.slf4j.simpleLogger.log.org.apache.kafka";
    if (System.getProperty(key) == null) {
      System.setProperty(key, "warn");
    }
  }
}
