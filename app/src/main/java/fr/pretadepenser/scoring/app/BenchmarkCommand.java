package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.benchmarks.kafka.KafkaScorerBenchmark;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.scorer.ScorerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scoring benchmark}: the scorer's throughput and latency on a real broker. The options are
 * checked here; the measurement is {@link KafkaScorerBenchmark} in the benchmarks module.
 */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures the scorer on a real Kafka broker (an embedded one in this JVM unless"
          + " --bootstrap is given): history fold rate, sustained decisions per second with the"
          + " applications pre-loaded, and application-to-decision latency at a paced rate.",
      "Use generated data (bin/scoring generate); each phase publishes one application per"
          + " client of --data.",
      "With --baseline, the same run first moves the same applications through a plain"
          + " producer and read_committed consumer and through a pass-through Kafka Streams app"
          + " with the scorer's exactly-once settings, on the same broker, and prints last one"
          + " JSON line: decisions_per_s (the scorer, whole throughput run), plain_kafka_per_s,"
          + " passthrough_per_s, ratio_plain_kafka, ratio_passthrough, p99_ms (the scorer's p99"
          + " at --rate), passthrough_p99_ms (the floor exactly-once and the commit interval set)."
    })
final class BenchmarkCommand implements Callable<Integer> {

  @Mixin DataOption data;

  @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle.")
  Path model;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      description = "An existing Kafka (default: a temporary embedded broker in this JVM).")
  String bootstrap;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description = "Partitions of the benchmark's topics (default: ${DEFAULT-VALUE}).")
  int partitions = 4;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Scorer stream threads (default: ${DEFAULT-VALUE}).")
  int threads = 2;

  @Option(
      names = "--commit-interval-ms",
      paramLabel = "MS",
      description = "Scorer transaction commit interval (default: ${DEFAULT-VALUE}).")
  long commitIntervalMs = ScorerConfig.DEFAULT_COMMIT_INTERVAL_MS;

  @Option(
      names = "--history-cache-events",
      paramLabel = "N",
      description = "Scorer history cache per task (default: ${DEFAULT-VALUE}).")
  long historyCacheEvents = ScorerConfig.DEFAULT_HISTORY_CACHE_EVENTS;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "Applications per second in the latency phase (default: ${DEFAULT-VALUE}).")
  double rate = 1000;

  @Option(
      names = "--latency-seconds",
      paramLabel = "S",
      description = "Length of the latency phase (default: ${DEFAULT-VALUE}).")
  int latencySeconds = 30;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description =
          "Applications decided before the measured phases, so that the JIT has compiled the"
              + " decision path (default: ${DEFAULT-VALUE}).")
  int warmup = 2000;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      description =
          "Applications per client pre-loaded for the throughput phase (default:"
              + " ${DEFAULT-VALUE}).")
  int rounds = 1;

  @Option(
      names = "--skip",
      paramLabel = "PHASE",
      split = ",",
      description = "Phases to skip: throughput, latency.")
  List<String> skip = new ArrayList<>();

  @Option(
      names = "--baseline",
      description =
          "Also measure the transport the scorer runs on (plain Kafka and an exactly-once"
              + " pass-through, same broker, same records) and print the comparison as one JSON"
              + " line last.")
  boolean baseline;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Scorer state folder (default: a temporary one, deleted at the end).")
  Path stateDir;

  @Override
  public Integer call() throws Exception {
    if (partitions < 1 || threads < 1 || !(rate > 0) || latencySeconds < 1 || rounds < 1) {
      throw new UserException(
          "--partitions, --threads, --rate, --rounds and --latency-seconds must be positive");
    }
    if (baseline && (warmup < 1 || skip.contains("throughput"))) {
      throw new UserException(
          "--baseline compares the scorer's throughput phase with the transport's and copies the"
              + " size of the warm-up's decisions: it needs --warmup of at least 1 and the"
              + " throughput phase");
    }
    ModelBundle bundle = ScoringCli.loadBundle(model, "cannot use model bundle: ");
    try (bundle) {
      KafkaScorerBenchmark.run(
          new KafkaScorerBenchmark.Settings(
              data.dir(),
              bootstrap,
              partitions,
              threads,
              commitIntervalMs,
              historyCacheEvents,
              rate,
              latencySeconds,
              warmup,
              rounds,
              skip,
              stateDir,
              baseline),
          bundle);
    }
    return 0;
  }
}
