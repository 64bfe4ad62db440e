package fr.pretadepenser.scoring.benchmarks.kafka;

import com.google.common.util.concurrent.RateLimiter;
import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.broker.ProjectTopics;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.ingest.replay.Replay;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.schemas.ClientHistories;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import fr.pretadepenser.scoring.scorer.ScorerConfig;
import fr.pretadepenser.scoring.scorer.ScorerService;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * The scorer's throughput and latency on a real broker, measured from outside as a client sees them
 * ({@code bin/scoring benchmark} runs it). Not a unit test: figures depend on the machine and its
 * load.
 *
 * <ol>
 *   <li>history: every client's history of {@code --data} published (the ingest replay), then the
 *       scorer started and timed until it has committed every history offset;
 *   <li>throughput: the scorer stopped, one application per client published, the scorer started
 *       again; decisions per second from the first decision a {@code read_committed} consumer sees
 *       to the last;
 *   <li>latency: with the scorer running, applications paced at {@code --rate}; for each, the time
 *       from the producer's {@code send} call to the {@code read_committed} consumer receiving its
 *       decision (both in this JVM, {@code System.nanoTime}, carried in a record header that the
 *       scorer passes from the application to its decision).
 * </ol>
 */
public final class KafkaScorerBenchmark {

  static final String SENT_HEADER = "benchmark-sent-nanos";

  /**
   * What to measure, as the {@code benchmark} command's options give it (checked there).
   *
   * @param data folder of Kaggle tables; each phase publishes one application per client
   * @param bootstrap an existing Kafka, or null for a temporary embedded broker in this JVM
   * @param partitions partitions of the benchmark's topics
   * @param threads scorer stream threads
   * @param commitIntervalMs scorer transaction commit interval
   * @param historyCacheEvents scorer history cache per task
   * @param rate applications per second in the latency phase
   * @param latencySeconds length of the latency phase
   * @param warmup applications decided before the measured phases
   * @param rounds applications per client pre-loaded for the throughput phase
   * @param skip phases to skip: {@code throughput}, {@code latency}
   * @param stateDir scorer state folder, or null for a temporary one deleted at the end
   * @param baseline also measure, on the same broker and the same records, a plain producer and
   *     consumer and a pass-through Kafka Streams app with the scorer's settings, and print the
   *     comparison as one JSON line last ({@link TransportBaseline})
   */
  public record Settings(
      Path data,
      String bootstrap,
      int partitions,
      int threads,
      long commitIntervalMs,
      long historyCacheEvents,
      double rate,
      int latencySeconds,
      int warmup,
      int rounds,
      List<String> skip,
      Path stateDir,
      boolean baseline) {
    public Settings {
      skip = List.copyOf(skip);
    }
  }

  // The settings as fields, so that the phases below read as they did in the command.
  private final Path data;
  private final String bootstrap;
  private final int partitions;
  private final int threads;
  private final long commitIntervalMs;
  private final long historyCacheEvents;
  private final double rate;
  private final int latencySeconds;
  private final int warmup;
  private final int rounds;
  private final List<String> skip;
  private final Path stateDir;
  private final boolean baseline;

  private KafkaScorerBenchmark(Settings s) {
    this.data = s.data();
    this.bootstrap = s.bootstrap();
    this.partitions = s.partitions();
    this.threads = s.threads();
    this.commitIntervalMs = s.commitIntervalMs();
    this.historyCacheEvents = s.historyCacheEvents();
    this.rate = s.rate();
    this.latencySeconds = s.latencySeconds();
    this.warmup = s.warmup();
    this.rounds = s.rounds();
    this.skip = s.skip();
    this.stateDir = s.stateDir();
    this.baseline = s.baseline();
  }

  /**
   * Runs every phase not skipped with {@code bundle}'s model and prints the figures on stdout, one
   * line each, then a summary. The bundle stays open (the caller closes it).
   */
  public static void run(Settings settings, ModelBundle bundle) throws Exception {
    new KafkaScorerBenchmark(settings).run(bundle);
  }

  private void run(ModelBundle bundle) throws Exception {
    quietLogs();
    Path state = stateDir != null ? stateDir : Files.createTempDirectory("scoring-benchmark-");
    LocalKafkaBroker embedded = null;
    try {
      String servers = bootstrap;
      if (servers == null) {
        long t = System.nanoTime();
        embedded = LocalKafkaBroker.startTemporary();
        servers = embedded.bootstrapServers();
        say("embedded broker on %s, up in %.1f s", servers, (System.nanoTime() - t) / 1e9);
      }
      new Run(servers, ApplicationScorer.of(bundle), state).run();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
      if (stateDir == null) {
        deleteTree(state);
      }
    }
  }

  /** One benchmark run on one broker. */
  private final class Run {
    final String servers;
    final ApplicationScorer scoring;
    final Path state;
    final String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    final Topics topics = Topics.withPrefix(prefix);
    final ScorerConfig config;
    final Map<String, String> report = new LinkedHashMap<>();
    // The figures of the --baseline JSON line; NaN until measured.
    double decisionsPerSecond = Double.NaN;
    double p99Millis = Double.NaN;
    double plainPerSecond = Double.NaN;
    TransportBaseline.Passthrough passthrough;

    Run(String servers, ApplicationScorer scoring, Path state) {
      this.servers = servers;
      this.scoring = scoring;
      this.state = state;
      this.config =
          ScorerConfig.defaults(servers)
              .withApplicationId(prefix + "scorer")
              .withStateDir(state)
              .withThreads(threads)
              .withTopics(topics)
              .withCommitIntervalMs(commitIntervalMs)
              .withHistoryCacheEvents(historyCacheEvents);
    }

    void run() throws Exception {
      say(
          "machine: %d cores, load average %.2f; scorer: %d partitions, %d threads, commit"
              + " interval %d ms, history cache %,d events/task; model %s",
          Runtime.getRuntime().availableProcessors(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          partitions,
          threads,
          commitIntervalMs,
          historyCacheEvents,
          scoring.metadata().modelVersion());
      ProjectTopics.create(servers, topics, partitions);
      if (baseline) {
        TransportBaseline.createTopics(servers, prefix, partitions, replication());
      }
      HomeCreditData loaded =
          HomeCreditData.load(
              HomeCreditFiles.locate(data), new HomeCreditData.Options(Instant.now(), 0, n -> {}));
      List<Applicant> applicants = new ArrayList<>(loaded.size());
      for (int i = 0; i < loaded.size(); i++) {
        applicants.add(loaded.applicant(i));
      }

      // 1. History.
      Replay.Summary history =
          Replay.run(
              new Replay.Options(servers, data, null, Replay.Mode.HISTORY_ONLY, prefix),
              Replay.Listener.NONE);
      say(
          "history: %,d events of %,d clients published in %.1f s",
          history.events(), history.clients(), history.elapsed().toMillis() / 1e3);
      try (KafkaConsumer<byte[], byte[]> consumer = consumer();
          KafkaProducer<byte[], byte[]> producer = producer()) {
        List<TopicPartition> out = partitionsOf(consumer, topics.decisions().name());
        consumer.assign(out);
        consumer.seekToEnd(out);
        out.forEach(consumer::position);

        long t0 = System.nanoTime();
        try (ScorerService scorer = ScorerService.start(config, scoring, null, partitions);
            Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
          awaitHistoryFolded(admin);
          double s = (System.nanoTime() - t0) / 1e9;
          say(
              "history folded by the scorer in %.1f s from its start: %,.0f events/s (includes"
                  + " start-up and rebalance)",
              s, history.events() / s);
          report.put(
              "history fold", String.format(Locale.ROOT, "%,.0f events/s", history.events() / s));
          // Warm-up: the decision path (features, model, decision records) has not run in this
          // JVM yet; until the JIT has compiled it, decisions cost several times more.
          int warm = Math.min(warmup, applicants.size());
          if (warm > 0) {
            long w = System.nanoTime();
            for (Applicant a : applicants.subList(0, warm)) {
              send(producer, a, "W-" + a.clientId());
            }
            producer.flush();
            collect(consumer, warm, Duration.ofMinutes(30));
            say("warm-up: %,d decisions in %.1f s", warm, (System.nanoTime() - w) / 1e9);
          }
        }
        if (baseline) {
          baselines(applicants);
        }

        // 2. Throughput: applications pre-loaded, the scorer drains them.
        if (!skip.contains("throughput")) {
          int total = applicants.size() * rounds;
          for (int r = 0; r < rounds; r++) {
            for (Applicant a : applicants) {
              send(producer, a, "A" + r + "-" + a.clientId());
            }
          }
          producer.flush();
          say("throughput: %,d applications pre-loaded; starting the scorer", total);
          long start = System.nanoTime();
          CpuSnapshot cpuBefore = CpuSnapshot.now();
          TopicTraffic trafficBefore = TopicTraffic.now(servers, prefix);
          try (ScorerService scorer = ScorerService.start(config, scoring, null, partitions)) {
            List<Seen> seen = collect(consumer, total, Duration.ofMinutes(60));
            long firstNanos = seen.get(0).receivedNanos;
            long lastNanos = seen.get(seen.size() - 1).receivedNanos;
            double visible = (seen.size() - 1) / ((lastNanos - firstNanos) / 1e9);
            long decidedFirst = seen.stream().mapToLong(x -> x.decidedAtMillis).min().orElse(0);
            long decidedLast = seen.stream().mapToLong(x -> x.decidedAtMillis).max().orElse(0);
            double decided = (seen.size() - 1) / ((decidedLast - decidedFirst) / 1e3);
            say(
                "throughput: %,d decisions; %,.0f decisions/s between the first and the last"
                    + " visible to a read_committed consumer (%,.0f/s by decided_at); %.1f s"
                    + " from the scorer's start to the last",
                seen.size(), visible, decided, (lastNanos - start) / 1e9);
            // The second half: the scorer's start, rebalance and first commits are behind it.
            Seen middle = seen.get(seen.size() / 2);
            double secondHalf =
                (seen.size() - 1 - seen.size() / 2) / ((lastNanos - middle.receivedNanos) / 1e9);
            say("throughput, second half of the decisions: %,.0f decisions/s", secondHalf);
            decisionsPerSecond = visible;
            report.put(
                "throughput",
                String.format(
                    Locale.ROOT, "%,.0f decisions/s (second half %,.0f/s)", visible, secondHalf));
            CpuSnapshot.now().minus(cpuBefore).print("throughput", seen.size());
            TopicTraffic.now(servers, prefix).minus(trafficBefore).print(prefix, seen.size());
            breakdown("throughput", seen);
            streamsMetrics("throughput", scorer);

            // 3. Latency at a paced rate, on the same running scorer.
            if (!skip.contains("latency")) {
              latency(consumer, producer, applicants, scorer);
            }
          }
        } else if (!skip.contains("latency")) {
          try (ScorerService scorer = ScorerService.start(config, scoring, null, partitions)) {
            latency(consumer, producer, applicants, scorer);
          }
        }
      }
      say("summary: %s", report);
      if (baseline) {
        System.out.println(baselineJson());
        System.out.flush();
      }
    }

    /**
     * The transport's figures on this broker, between the warm-up and the scorer's throughput
     * phase: the same applications (count, bytes and keys as that phase's) through a plain
     * consumer-producer loop and through a pass-through Kafka Streams app with the scorer's
     * settings; then the pass-through's latency at {@code --rate}, the floor that exactly-once and
     * the commit interval set.
     */
    private void baselines(List<Applicant> applicants) throws Exception {
      List<byte[]> decisionValues = sampleDecisions(2_000);
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        for (Applicant a : applicants) {
          records.add(record(a, "P" + r + "-" + a.clientId()));
        }
      }
      List<ProducerRecord<byte[], byte[]>> paced = new ArrayList<>();
      if (!skip.contains("latency")) {
        int n = (int) Math.min(Integer.MAX_VALUE, Math.round(rate * latencySeconds));
        for (int i = 0; i < n; i++) {
          Applicant a = applicants.get(i % applicants.size());
          paced.add(record(a, "Q" + (i / applicants.size()) + "-" + a.clientId()));
        }
      }
      say(
          "baseline: %,d application records of %.0f bytes on average in, decision records of"
              + " %.0f bytes on average out (%,d real decisions cycled)",
          records.size(),
          records.stream().mapToInt(r -> r.value().length).average().orElse(0),
          decisionValues.stream().mapToInt(v -> v.length).average().orElse(0),
          decisionValues.size());
      TransportBaseline transport =
          new TransportBaseline(servers, prefix, partitions, threads, decisionValues);
      transport.preload(records);
      plainPerSecond = transport.plainKafka(records.size());
      say(
          "baseline, plain Kafka (%d consumer-producer loops, at least once): %,.0f decisions/s",
          threads, plainPerSecond);
      passthrough =
          transport.passthrough(records.size(), config, state.resolve("passthrough"), paced, rate);
      say(
          "baseline, pass-through Kafka Streams (the scorer's exactly-once settings, commit"
              + " interval %d ms): %,.0f decisions/s",
          commitIntervalMs, passthrough.perSecond());
      long[] l = passthrough.latencyMicros();
      if (l.length > 0) {
        say(
            "baseline, pass-through latency at %,.0f/s, send() to read_committed receipt, all %,d:"
                + " p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms",
            rate,
            l.length,
            pct(l, 0.50) / 1e3,
            pct(l, 0.90) / 1e3,
            pct(l, 0.99) / 1e3,
            pct(l, 0.999) / 1e3,
            l[l.length - 1] / 1e3);
      }
    }

    /** The {@code --baseline} contract's line, and what else explains it. */
    private String baselineJson() {
      long[] l = passthrough == null ? new long[0] : passthrough.latencyMicros();
      double passthroughPerSecond = passthrough == null ? Double.NaN : passthrough.perSecond();
      return String.format(
          Locale.ROOT,
          "{\"decisions_per_s\":%s,\"plain_kafka_per_s\":%s,\"passthrough_per_s\":%s,"
              + "\"ratio_plain_kafka\":%s,\"ratio_passthrough\":%s,\"p99_ms\":%s,"
              + "\"passthrough_p99_ms\":%s,\"rate\":%s,\"commit_interval_ms\":%d,"
              + "\"partitions\":%d,\"threads\":%d}",
          json(decisionsPerSecond, 1),
          json(plainPerSecond, 1),
          json(passthroughPerSecond, 1),
          json(decisionsPerSecond / plainPerSecond, 3),
          json(decisionsPerSecond / passthroughPerSecond, 3),
          json(p99Millis, 1),
          json(l.length == 0 ? Double.NaN : pct(l, 0.99) / 1e3, 1),
          json(rate, 1),
          commitIntervalMs,
          partitions,
          threads);
    }

    /** Up to {@code max} decision values the warm-up wrote, as they are on the wire. */
    private List<byte[]> sampleDecisions(int max) {
      List<byte[]> values = new ArrayList<>();
      try (KafkaConsumer<byte[], byte[]> c = consumer()) {
        List<TopicPartition> all = partitionsOf(c, topics.decisions().name());
        c.assign(all);
        c.seekToBeginning(all);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (values.size() < max && System.nanoTime() < deadline) {
          ConsumerRecords<byte[], byte[]> polled = c.poll(Duration.ofMillis(500));
          if (polled.isEmpty() && !values.isEmpty()) {
            break;
          }
          for (ConsumerRecord<byte[], byte[]> r : polled) {
            if (values.size() < max) {
              values.add(r.value());
            }
          }
        }
      }
      if (values.isEmpty()) {
        throw new IllegalStateException(
            "--baseline needs decisions to copy the size of: give --warmup at least 1");
      }
      return values;
    }

    private int replication() throws Exception {
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
        return admin
            .describeTopics(List.of(topics.decisions().name()))
            .allTopicNames()
            .get()
            .get(topics.decisions().name())
            .partitions()
            .get(0)
            .replicas()
            .size();
      }
    }

    private void latency(
        KafkaConsumer<byte[], byte[]> consumer,
        KafkaProducer<byte[], byte[]> producer,
        List<Applicant> applicants,
        ScorerService scorer)
        throws Exception {
      int n = (int) Math.min(Integer.MAX_VALUE, Math.round(rate * latencySeconds));
      say("latency: %,d applications at %,.0f/s", n, rate);
      CompletableFuture<Void> paced =
          CompletableFuture.runAsync(
              () -> {
                RateLimiter limiter = RateLimiter.create(rate);
                for (int i = 0; i < n; i++) {
                  limiter.acquire();
                  Applicant a = applicants.get(i % applicants.size());
                  send(producer, a, "B" + (i / applicants.size()) + "-" + a.clientId());
                }
                producer.flush();
              });
      CpuSnapshot cpuBefore = CpuSnapshot.now();
      List<Seen> seen = collect(consumer, n, Duration.ofSeconds(latencySeconds + 300L));
      paced.get(1, TimeUnit.MINUTES);
      CpuSnapshot.now().minus(cpuBefore).print("latency", seen.size());
      long untimed = seen.stream().filter(x -> x.latencyMicros < 0).count();
      if (untimed > 0) {
        // The send time travels in a header of the application, which the scorer must copy onto
        // its decision; without it there is no latency to report, only a wrong one.
        throw new IllegalStateException(
            untimed
                + " of "
                + seen.size()
                + " decisions came without the application's "
                + SENT_HEADER
                + " header: the scorer no longer passes an application's headers on to its"
                + " decision");
      }
      long[] endToEnd = seen.stream().mapToLong(x -> x.latencyMicros).sorted().toArray();
      say(
          "latency, send() to read_committed receipt, all %,d: p50 %.1f ms, p90 %.1f ms, p99"
              + " %.1f ms, p99.9 %.1f ms, max %.1f ms",
          endToEnd.length,
          pct(endToEnd, 0.50) / 1e3,
          pct(endToEnd, 0.90) / 1e3,
          pct(endToEnd, 0.99) / 1e3,
          pct(endToEnd, 0.999) / 1e3,
          endToEnd[endToEnd.length - 1] / 1e3);
      p99Millis = pct(endToEnd, 0.99) / 1e3;
      report.put(
          "latency at " + Math.round(rate) + "/s",
          String.format(
              Locale.ROOT,
              "p50 %.1f ms, p99 %.1f ms",
              pct(endToEnd, 0.50) / 1e3,
              pct(endToEnd, 0.99) / 1e3));
      breakdown("latency", seen);
      streamsMetrics("latency", scorer);
    }

    /** Where the time goes, from the decisions' own timings. */
    private void breakdown(String phase, List<Seen> seen) {
      long[] features = seen.stream().mapToLong(x -> x.featureMicros).sorted().toArray();
      long[] inference = seen.stream().mapToLong(x -> x.inferenceMicros).sorted().toArray();
      long[] toDecided =
          seen.stream()
              .filter(x -> x.sentEpochMillis > 0)
              .mapToLong(x -> x.decidedAtMillis - x.sentEpochMillis)
              .sorted()
              .toArray();
      long[] decidedToSeen =
          seen.stream()
              .mapToLong(x -> x.receivedEpochMillis - x.decidedAtMillis)
              .sorted()
              .toArray();
      say(
          "%s breakdown: history read + features p50 %d µs, p99 %d µs; ONNX p50 %d µs, p99 %d µs",
          phase,
          pct(features, 0.5),
          pct(features, 0.99),
          pct(inference, 0.5),
          pct(inference, 0.99));
      if (toDecided.length > 0) {
        say(
            "%s breakdown: send to decided_at p50 %d ms, p99 %d ms; decided_at to receipt"
                + " (transaction commit, visibility, fetch) p50 %d ms, p99 %d ms",
            phase,
            pct(toDecided, 0.5),
            pct(toDecided, 0.99),
            pct(decidedToSeen, 0.5),
            pct(decidedToSeen, 0.99));
      }
    }

    private void streamsMetrics(String phase, ScorerService scorer) {
      Map<String, List<Double>> byName = new HashMap<>();
      for (Map.Entry<MetricName, ? extends Metric> e : scorer.metrics().entrySet()) {
        MetricName m = e.getKey();
        if (m.group().equals("stream-thread-metrics")
            && List.of(
                    "commit-latency-avg",
                    "commit-latency-max",
                    "process-latency-avg",
                    "poll-latency-avg",
                    "commit-ratio",
                    "process-ratio",
                    "poll-ratio",
                    "punctuate-ratio")
                .contains(m.name())
            && e.getValue().metricValue() instanceof Number v
            && Double.isFinite(v.doubleValue())) {
          byName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(v.doubleValue());
        }
      }
      StringBuilder b = new StringBuilder();
      byName.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              e ->
                  b.append(
                      String.format(
                          Locale.ROOT,
                          " %s %s;",
                          e.getKey(),
                          e.getValue().stream()
                              .map(v -> String.format(Locale.ROOT, "%.2f", v))
                              .toList())));
      say("%s Kafka Streams thread metrics (per thread; latencies in ms):%s", phase, b);
    }

    private void awaitHistoryFolded(Admin admin) throws Exception {
      String topic = topics.clientHistory().name();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      long end = 0;
      for (var e : admin.listOffsets(latest).all().get().values()) {
        end += e.offset();
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
      while (System.nanoTime() < deadline) {
        long committed = 0;
        try {
          Map<TopicPartition, OffsetAndMetadata> offsets =
              admin
                  .listConsumerGroupOffsets(config.applicationId())
                  .partitionsToOffsetAndMetadata()
                  .get();
          for (var e : offsets.entrySet()) {
            if (e.getKey().topic().equals(topic) && e.getValue() != null) {
              committed += e.getValue().offset();
            }
          }
        } catch (java.util.concurrent.ExecutionException e) {
          // the group is not there yet
        }
        if (committed >= end) {
          return;
        }
        Thread.sleep(200);
      }
      throw new IllegalStateException("the scorer did not fold the history within an hour");
    }

    private void send(KafkaProducer<byte[], byte[]> producer, Applicant a, String applicationId) {
      producer.send(
          record(a, applicationId),
          (m, e) -> {
            if (e != null) {
              System.err.println("send failed: " + e);
            }
          });
    }

    /** {@code a}'s application as the scorer reads it, stamped with the time of this call. */
    private ProducerRecord<byte[], byte[]> record(Applicant a, String applicationId) {
      Topic<Long, LoanApplication> topic = topics.loanApplications();
      LoanApplication application = LoanApplication.newBuilder(a.application()).build();
      application.setApplicationId(applicationId);
      long now = System.currentTimeMillis();
      application.setSubmittedAt(Instant.ofEpochMilli(now));
      // As the replay does: the scorer checks the announced history is in (a cached count here).
      application.setHistoryEvents(ClientHistories.count(a.history()));
      byte[] key = topic.keySerde().serializer().serialize(topic.name(), a.clientId());
      byte[] value = topic.valueSerde().serializer().serialize(topic.name(), application);
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(topic.name(), null, now, key, value);
      record.headers().add(SENT_HEADER, ByteBuffer.allocate(8).putLong(System.nanoTime()).array());
      return record;
    }

    /** Reads decisions until {@code n} came, with when each was seen. */
    private List<Seen> collect(KafkaConsumer<byte[], byte[]> consumer, int n, Duration timeout) {
      List<Seen> seen = new ArrayList<>(n);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (seen.size() < n) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "only " + seen.size() + " of " + n + " decisions within " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          long nanos = System.nanoTime();
          long millis = System.currentTimeMillis();
          Decision d =
              topics.decisions().valueSerde().deserializer().deserialize(r.topic(), r.value());
          Header sent = r.headers().lastHeader(SENT_HEADER);
          seen.add(
              new Seen(
                  nanos,
                  millis,
                  r.timestamp(),
                  d.getDecidedAt().toEpochMilli(),
                  sent == null ? -1 : (nanos - ByteBuffer.wrap(sent.value()).getLong()) / 1_000,
                  d.getFeatureMicros(),
                  d.getInferenceMicros()));
        }
      }
      return seen;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
      return TransportBaseline.readCommitted(servers);
    }

    private KafkaProducer<byte[], byte[]> producer() {
      return TransportBaseline.producer(servers);
    }
  }

  /**
   * CPU time used by this JVM between two moments: all of it, the scorer's stream threads, and the
   * broker's threads (when embedded), from the JVM's own per-thread CPU clocks; and the bytes each
   * group of threads allocated on the heap (HotSpot's per-thread counters; a thread that ended
   * between the two moments takes its bytes with it).
   */
  private record CpuSnapshot(
      long wallNanos, long processNanos, Map<String, Long> byGroup, Map<String, Long> allocated) {
    static CpuSnapshot now() {
      java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      Map<String, Long> groups = new HashMap<>();
      Map<String, Long> allocated = new HashMap<>();
      for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (t == null) {
          continue;
        }
        long cpu = threads.getThreadCpuTime(t.getThreadId());
        if (cpu > 0) {
          groups.merge(group(t.getThreadName()), cpu, Long::sum);
        }
        if (threads instanceof com.sun.management.ThreadMXBean hotspot) {
          long bytes = hotspot.getThreadAllocatedBytes(t.getThreadId());
          if (bytes > 0) {
            allocated.merge(group(t.getThreadName()), bytes, Long::sum);
          }
        }
      }
      long process =
          ManagementFactory.getOperatingSystemMXBean()
                  instanceof com.sun.management.OperatingSystemMXBean os
              ? os.getProcessCpuTime()
              : -1;
      return new CpuSnapshot(System.nanoTime(), process, groups, allocated);
    }

    static String group(String thread) {
      if (thread.contains("-StreamThread-")) {
        return "scorer stream threads";
      }
      if (thread.contains("producer-network-thread") && thread.contains("StreamThread")) {
        return "scorer producers";
      }
      if (thread.startsWith("data-plane-kafka")
          || thread.startsWith("kafka-")
          || thread.startsWith("group-coordinator")
          || thread.startsWith("TxnMarker")
          || thread.startsWith("AddPartitionsToTxn")
          || thread.startsWith("quorum-controller")
          || thread.startsWith("ExpirationReaper")
          || thread.startsWith("broker-")
          || thread.startsWith("transaction-")) {
        return "broker";
      }
      return "other Java threads (benchmark clients, ...)";
    }

    CpuSnapshot minus(CpuSnapshot before) {
      Map<String, Long> d = new HashMap<>();
      byGroup.forEach((k, v) -> d.put(k, v - before.byGroup.getOrDefault(k, 0L)));
      Map<String, Long> a = new HashMap<>();
      allocated.forEach((k, v) -> a.put(k, v - before.allocated.getOrDefault(k, 0L)));
      return new CpuSnapshot(
          wallNanos - before.wallNanos, processNanos - before.processNanos, d, a);
    }

    void print(String phase, int decisions) {
      StringBuilder b = new StringBuilder();
      byGroup.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(
              e ->
                  b.append(
                      String.format(
                          Locale.ROOT,
                          "; %s %.0f µs",
                          e.getKey(),
                          e.getValue() / 1e3 / Math.max(1, decisions))));
      long threadsTotal = byGroup.values().stream().mapToLong(Long::longValue).sum();
      say(
          "%s CPU per decision (this JVM, %.1f s of wall time, %.2f cores busy): all %.0f µs,"
              + " of which JIT, GC and native threads %.0f µs%s",
          phase,
          wallNanos / 1e9,
          processNanos / (double) wallNanos,
          processNanos / 1e3 / Math.max(1, decisions),
          (processNanos - threadsTotal) / 1e3 / Math.max(1, decisions),
          b);
      StringBuilder heap = new StringBuilder();
      allocated.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(
              e ->
                  heap.append(
                      String.format(
                          Locale.ROOT,
                          "; %s %.1f KB",
                          e.getKey(),
                          e.getValue() / 1024.0 / Math.max(1, decisions))));
      say(
          "%s heap allocated per decision (this JVM's threads): %.1f KB in all%s",
          phase,
          allocated.values().stream().mapToLong(Long::longValue).sum()
              / 1024.0
              / Math.max(1, decisions),
          heap);
    }
  }

  /** One decision as the benchmark's consumer saw it. */
  private record Seen(
      long receivedNanos,
      long receivedEpochMillis,
      long sentEpochMillis,
      long decidedAtMillis,
      long latencyMicros,
      long featureMicros,
      long inferenceMicros) {}

  private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
    return consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .toList();
  }

  /** A JSON number, or null when not measured. */
  private static String json(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "null";
  }

  /** The value at quantile {@code q} of sorted {@code values} (nearest rank). */
  static long pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static void say(String format, Object... args) {
    System.out.printf(Locale.ROOT, format + "%n", args);
    System.out.flush();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void quietLogs() {
    for (String key :
        new String[] {
          "org.slf4j.simpleLogger.log.org.apache.kafka",
          "org.slf4j.simpleLogger.log.fr.pretadepenser.scoring.scorer",
          "org.slf4j.simpleLogger.log.fr.pretadepenser.scoring.broker"
        }) {
      if (System.getProperty(key) == null) {
        System.setProperty(key, "warn");
      }
    }
  }
}
