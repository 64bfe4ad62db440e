package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.broker.ProjectTopics;
import fr.pretadepenser.scoring.dashboard.DashboardApplication;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.LoanOutcome;
import fr.pretadepenser.scoring.explain.DecisionExplainer;
import fr.pretadepenser.scoring.explain.PathToApproval;
import fr.pretadepenser.scoring.explainer.ExplainerConfig;
import fr.pretadepenser.scoring.explainer.ExplainerService;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.monitoring.live.MonitorService;
import fr.pretadepenser.scoring.monitoring.live.MonitorSettings;
import fr.pretadepenser.scoring.monitoring.live.MonitorState;
import fr.pretadepenser.scoring.schemas.ClientHistories;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import fr.pretadepenser.scoring.schemas.TrustedEventClasses;
import fr.pretadepenser.scoring.scorer.ScorerConfig;
import fr.pretadepenser.scoring.scorer.ScorerService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scoring soak}: many applications through the whole pipeline in this JVM (embedded broker,
 * scorer, explainer, monitor, dashboard backend, as the demo runs them), with the heap measured
 * after a full GC along the way, to show that no part keeps something per application for ever.
 *
 * <p>Every application is of a new client (a copy of a sample applicant under a fresh id, as a
 * lender sees mostly new applicants): state kept per client or per application then grows with the
 * run, which is what a soak must catch; one client in {@code --history-every} comes with a copy of
 * its template's history. Each application's outcome is published {@code --outcome-lag}
 * applications later, so the monitor joins outcomes all along. The applications are sent no more
 * than {@code --in-flight} ahead of those fully processed (explained or dead-lettered), so that
 * what is measured is the pipeline's state, not a backlog.
 *
 * <p>The heap is one figure for the three services, as they share this JVM; the monitor's map sizes
 * are printed beside it. Off-heap memory (RocksDB, the broker's page cache) is not measured.
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs --applications applications of new generated clients through the whole system on an"
          + " embedded Kafka broker (scorer, explainer, monitor, dashboard backend, in this JVM)"
          + " and prints the used heap after a full GC every --sample-every applications, then"
          + " one JSON line.",
      "Each client is a copy of an applicant of --data under a fresh id; outcomes follow their"
          + " decisions."
    })
final class SoakCommand implements Callable<Integer> {

  /** Client ids of the generated clients start above any Kaggle SK_ID_CURR (at most 456,255). */
  static final long FIRST_CLIENT = 100_000_000L;

  static final int PARTITIONS = 4;

  @Mixin DataOption data;

  @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle.")
  Path model;

  @Option(
      names = "--applications",
      paramLabel = "N",
      description = "Applications to send, each of a new client (default: ${DEFAULT-VALUE}).")
  int applications = 200_000;

  @Option(
      names = "--sample-every",
      paramLabel = "N",
      description =
          "Applications processed between two heap measurements (default: ${DEFAULT-VALUE}).")
  int sampleEvery = 20_000;

  @Option(
      names = "--history-every",
      paramLabel = "K",
      description =
          "One client in K comes with a copy of its template's history; 0: none"
              + " (default: ${DEFAULT-VALUE}).")
  int historyEvery = 5;

  @Option(
      names = "--outcome-lag",
      paramLabel = "N",
      description =
          "An application's outcome is published N applications after it (default:"
              + " ${DEFAULT-VALUE}).")
  int outcomeLag = 10_000;

  @Option(
      names = "--in-flight",
      paramLabel = "N",
      description =
          "Applications sent at most ahead of those explained or dead-lettered (default:"
              + " ${DEFAULT-VALUE}).")
  int inFlight = 5_000;

  @Option(
      names = "--monitor-limit",
      paramLabel = "N",
      description =
          "The monitor's bounds on decisions awaiting an outcome and on outcomes kept, lower than"
              + " its default so that the run reaches them (default: ${DEFAULT-VALUE}).")
  int monitorLimit = 50_000;

  @Option(
      names = "--scorer-decision-clients",
      paramLabel = "N",
      description =
          "The scorer's bound on the clients whose latest decision it keeps, per partition, lower"
              + " than its default (500,000) so that the run reaches it (default:"
              + " ${DEFAULT-VALUE}).")
  int scorerDecisionClients = 10_000;

  @Option(
      names = "--stall-seconds",
      paramLabel = "S",
      description = "Give up when nothing is processed for this long (default: ${DEFAULT-VALUE}).")
  int stallSeconds = 180;

  /** One heap measurement. */
  record Sample(long processed, double seconds, long heapBytes, MonitorState.Sizes monitor) {}

  @Override
  public Integer call() throws Exception {
    if (applications < 1
        || sampleEvery < 1
        || historyEvery < 0
        || outcomeLag < 0
        || inFlight < 1
        || monitorLimit < 1
        || scorerDecisionClients < 1
        || stallSeconds < 1) {
      throw new UserException(
          "--applications, --sample-every, --in-flight, --monitor-limit,"
              + " --scorer-decision-clients and --stall-seconds must"
              + " be positive; --history-every and --outcome-lag 0 or more");
    }
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    System.err.println("soak: loading the templates from " + data.dir());
    List<Applicant> templates =
        HomeCreditData.load(data.dir(), Instant.now()).applicants().toList();
    if (templates.isEmpty()) {
      throw new UserException(data.dir() + " holds no applicant");
    }
    Deque<AutoCloseable> started = new ArrayDeque<>();
    Path state = Files.createTempDirectory("scoring-soak-");
    try {
      LocalKafkaBroker broker = LocalKafkaBroker.startTemporary();
      started.push(broker);
      String bootstrap = broker.bootstrapServers();
      Topics topics = Topics.standard();
      ProjectTopics.create(bootstrap, topics, PARTITIONS);
      ModelBundle bundle = ScoringCli.loadBundle(model, "cannot use model bundle: ");
      started.push(bundle);
      ScorerService scorer =
          ScorerService.start(
              ScorerConfig.defaults(bootstrap)
                  .withThreads(1)
                  .withStateDir(state.resolve("scorer"))
                  .withLimits(
                      ScorerConfig.Limits.DEFAULTS.withDecisionStoreClients(scorerDecisionClients)),
              // The bundle's review band, as bin/scoring scorer applies it by default.
              ApplicationScorer.banded(bundle),
              null,
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
      MonitorService monitor =
          MonitorService.start(
              bootstrap,
              topics,
              bundle,
              MonitorSettings.DEFAULT
                  .withInterval(Duration.ofSeconds(5))
                  .withLimits(monitorLimit, monitorLimit));
      started.push(monitor);
      byte[] secret = new byte[9];
      new SecureRandom().nextBytes(secret);
      ConfigurableApplicationContext dashboard =
          DashboardApplication.builder()
              .run(
                  DashboardApplication.arguments(
                      bootstrap,
                      model,
                      0,
                      "",
                      "--dashboard.advisor-password=" + HexFormat.of().formatHex(secret)));
      started.push(dashboard::close);
      List<Sample> samples = new Run(bootstrap, topics, templates, monitor).run();
      System.out.println(json(samples));
      return 0;
    } finally {
      while (!started.isEmpty()) {
        try {
          started.pop().close();
        } catch (Exception e) {
          System.err.println("soak: while stopping: " + e);
        }
      }
      FileSystemUtils.deleteRecursively(state);
    }
  }

  /** Sends, counts what comes out, and measures. */
  private final class Run {
    final Topics topics;
    final List<Applicant> templates;
    final MonitorService monitor;
    final KafkaProducer<byte[], byte[]> producer;
    final KafkaConsumer<byte[], byte[]> consumer;
    final long start = System.nanoTime();
    long decisions;
    long explained;
    long deadLetters;
    long historyEvents;

    Run(String bootstrap, Topics topics, List<Applicant> templates, MonitorService monitor) {
      this.topics = topics;
      this.templates = templates;
      this.monitor = monitor;
      this.producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ProducerConfig.ACKS_CONFIG,
                  "all",
                  ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                  true,
                  ProducerConfig.LINGER_MS_CONFIG,
                  5),
              new ByteArraySerializer(),
              new ByteArraySerializer());
      this.consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                  "read_committed",
                  ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                  false),
              new ByteArrayDeserializer(),
              new ByteArrayDeserializer());
      List<TopicPartition> partitions = new ArrayList<>();
      for (Topic<?, ?> t :
          List.of(topics.decisions(), topics.explainedDecisions(), topics.deadLetters())) {
        for (int p = 0; p < PARTITIONS; p++) {
          partitions.add(new TopicPartition(t.name(), p));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    List<Sample> run() throws InterruptedException {
      List<Sample> samples = new ArrayList<>();
      samples.add(sample(0));
      int sent = 0;
      long nextSample = sampleEvery;
      long lastProgress = System.nanoTime();
      long lastDone = 0;
      try (producer;
          consumer) {
        while (done() < applications) {
          while (sent < applications && sent - done() < inFlight) {
            send(sent++);
          }
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            count(r.topic());
          }
          if (done() >= nextSample) {
            producer.flush();
            samples.add(sample(done()));
            nextSample += sampleEvery;
          }
          if (done() > lastDone) {
            lastDone = done();
            lastProgress = System.nanoTime();
          } else if (System.nanoTime() - lastProgress > stallSeconds * 1_000_000_000L) {
            throw new UserException(
                String.format(
                    Locale.ROOT,
                    "the pipeline stalled: %,d of %,d applications processed, nothing more in %d"
                        + " s (decisions %,d, explained %,d, dead letters %,d)",
                    done(),
                    applications,
                    stallSeconds,
                    decisions,
                    explained,
                    deadLetters));
          }
        }
        // The outcomes of the last applications, so that every decision has one.
        for (int i = Math.max(0, applications - outcomeLag); i < applications; i++) {
          sendOutcome(i);
        }
        producer.flush();
      }
      if (samples.get(samples.size() - 1).processed() < done()) {
        samples.add(sample(done()));
      }
      return samples;
    }

    long done() {
      return explained + deadLetters;
    }

    void count(String topic) {
      if (topic.equals(topics.decisions().name())) {
        decisions++;
      } else if (topic.equals(topics.explainedDecisions().name())) {
        explained++;
      } else {
        deadLetters++;
      }
    }

    void send(int i) {
      Applicant template = templates.get(i % templates.size());
      long client = FIRST_CLIENT + i;
      Instant now = Instant.now();
      int events = 0;
      if (historyEvery > 0 && i % historyEvery == 0) {
        Topic<Long, ClientHistoryEvent> h = topics.clientHistory();
        for (ClientHistoryEvent e : ClientHistories.events(template.history(), now)) {
          publish(h, client, copy(e, client));
          events++;
        }
        historyEvents += events;
      }
      LoanApplication application = LoanApplication.newBuilder(template.application()).build();
      application.setSKIDCURR(client);
      application.setApplicationId("SOAK-" + i);
      application.setSubmittedAt(now);
      application.setHistoryEvents(events);
      publish(topics.loanApplications(), client, application);
      if (i >= outcomeLag) {
        sendOutcome(i - outcomeLag);
      }
    }

    void sendOutcome(int i) {
      Applicant template = templates.get(i % templates.size());
      if (template.target() == null) {
        return;
      }
      long client = FIRST_CLIENT + i;
      publish(
          topics.loanOutcomes(),
          client,
          LoanOutcome.newBuilder()
              .setSKIDCURR(client)
              .setApplicationId("SOAK-" + i)
              .setDefaulted(template.target() == 1)
              .setKnownAt(Instant.now())
              .build());
    }

    <V> void publish(Topic<Long, V> topic, long key, V value) {
      producer.send(
          new ProducerRecord<>(
              topic.name(),
              topic.keySerde().serializer().serialize(topic.name(), key),
              topic.valueSerde().serializer().serialize(topic.name(), value)),
          (m, e) -> {
            if (e != null) {
              System.err.println("soak: a send failed: " + e);
            }
          });
    }

    Sample sample(long processed) throws InterruptedException {
      // Twice, a moment apart: what a first full GC frees in finalisable or phantom-reachable
      // objects (Kafka's and Netty's buffers) only goes at the second.
      System.gc();
      Thread.sleep(200);
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      Sample s = new Sample(processed, (System.nanoTime() - start) / 1e9, heap, monitor.sizes());
      System.err.printf(
          Locale.ROOT,
          "soak: %,d processed (decisions %,d, explained %,d, dead letters %,d, history events"
              + " %,d) at %.0f s: heap after GC %.1f MiB; monitor %s%n",
          processed,
          decisions,
          explained,
          deadLetters,
          historyEvents,
          s.seconds(),
          heap / 1048576.0,
          s.monitor());
      return s;
    }
  }

  /**
   * One line: the settings, the counts, each sample and the heap's trend: the least-squares slope
   * of the heap after GC over the samples after the first quarter of the run (the start fills
   * caches, windows and the JIT's code; a leak shows as a slope that stays).
   */
  String json(List<Sample> samples) {
    List<Sample> steady = samples.stream().filter(s -> s.processed() >= applications / 4).toList();
    double slope = slope(steady);
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "{\"applications\":%d,\"history_every\":%d,\"outcome_lag\":%d,\"in_flight\":%d,"
                + "\"monitor_limit\":%d,\"scorer_decision_clients\":%d,\"max_heap_mib\":%.0f,"
                + "\"seconds\":%.1f,",
            applications,
            historyEvery,
            outcomeLag,
            inFlight,
            monitorLimit,
            scorerDecisionClients,
            Runtime.getRuntime().maxMemory() / 1048576.0,
            samples.get(samples.size() - 1).seconds()));
    b.append("\"samples\":[");
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      MonitorState.Sizes m = s.monitor();
      b.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"processed\":%d,\"seconds\":%.1f,\"heap_mib\":%.1f",
                  s.processed(),
                  s.seconds(),
                  s.heapBytes() / 1048576.0));
      if (m != null) {
        b.append(
            String.format(
                Locale.ROOT,
                ",\"monitor_window\":%d,\"monitor_awaiting\":%d,\"monitor_clients\":%d,"
                    + "\"monitor_joined\":%d,\"monitor_early\":%d",
                m.window(),
                m.awaitingOutcome(),
                m.latestByClient(),
                m.joined(),
                m.earlyOutcomes()));
      }
      b.append('}');
    }
    b.append(
        String.format(
            Locale.ROOT,
            "],\"heap_slope_mib_per_100k\":%s}",
            Double.isNaN(slope) ? "null" : String.format(Locale.ROOT, "%.2f", slope * 100_000)));
    return b.toString();
  }

  /**
   * A deep copy of {@code e} (the builder copies) that belongs to {@code client}: the events of a
   * template share its history's records, which must stay as they are for the next copy.
   */
  static ClientHistoryEvent copy(ClientHistoryEvent e, long client) {
    // Avro's deep copy instantiates the event classes, which Avro refuses until they are trusted.
    TrustedEventClasses.install();
    ClientHistoryEvent copy = ClientHistoryEvent.newBuilder(e).build();
    rekey(copy, client);
    return copy;
  }

  /** Every {@code SK_ID_CURR} of a record and of the records it holds set to {@code client}. */
  static void rekey(IndexedRecord r, long client) {
    for (Schema.Field f : r.getSchema().getFields()) {
      Object v = r.get(f.pos());
      if (f.name().equals("SK_ID_CURR") && v instanceof Long) {
        r.put(f.pos(), client);
      } else if (v instanceof IndexedRecord nested) {
        rekey(nested, client);
      } else if (v instanceof Collection<?> list) {
        for (Object o : list) {
          if (o instanceof IndexedRecord nested) {
            rekey(nested, client);
          }
        }
      }
    }
  }

  /** Least-squares slope of the heap (MiB) against applications processed; NaN below 2 points. */
  static double slope(List<Sample> samples) {
    int n = samples.size();
    if (n < 2) {
      return Double.NaN;
    }
    double mx = 0;
    double my = 0;
    for (Sample s : samples) {
      mx += s.processed() / (double) n;
      my += s.heapBytes() / 1048576.0 / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (Sample s : samples) {
      double dx = s.processed() - mx;
      sxy += dx * (s.heapBytes() / 1048576.0 - my);
      sxx += dx * dx;
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }
}
