package fr.pretadepenser.scoring.app;

import com.google.common.util.concurrent.RateLimiter;
import fr.pretadepenser.scoring.app.chaos.ChaosFigures;
import fr.pretadepenser.scoring.app.chaos.ChaosSchedule;
import fr.pretadepenser.scoring.app.chaos.ChaosSchedule.Kind;
import fr.pretadepenser.scoring.app.chaos.ChaosVerdict;
import fr.pretadepenser.scoring.app.chaos.ChildJvm;
import fr.pretadepenser.scoring.broker.BrokerProcess;
import fr.pretadepenser.scoring.broker.KafkaClusterLayout;
import fr.pretadepenser.scoring.broker.ProjectTopics;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.homecredit.prep.ScaleUp;
import fr.pretadepenser.scoring.homecredit.prep.SourceData;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.schemas.ClientHistories;
import fr.pretadepenser.scoring.schemas.HistorySources;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import fr.pretadepenser.scoring.training.BundleWriter;
import fr.pretadepenser.scoring.training.Trainer;
import fr.pretadepenser.scoring.training.TrainingData;
import fr.pretadepenser.scoring.training.TrainingOptions;
import fr.pretadepenser.scoring.training.TrainingProgress;
import fr.pretadepenser.scoring.training.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scoring chaos}: exactly once, end to end, under SIGKILL. A KRaft cluster of several
 * brokers, several scorers and explainers, each a separate process; generated applications
 * published at a rate, some before the history they announce; scorers, brokers and explainers
 * killed with SIGKILL and restarted on a schedule drawn from the seed; then every committed
 * decision and explanation read back and compared with the batch path.
 */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Exactly once under faults: starts a KRaft cluster of --brokers brokers (replication"
          + " min(3, N), min.insync.replicas 2 from three), --scorers scorers and --explainers"
          + " explainers, each its own process; publishes --applications generated applications"
          + " at --rate, at most --in-flight ahead of those decided (one in four before the"
          + " history it announces, some re-sent), and kills"
          + " with SIGKILL, then restarts, the parts named by --kill-* at points drawn from"
          + " --seed, one at a time, while applications are decided (a broker stays down"
          + " --broker-down-seconds). Then reads loan-decisions and loan-decisions-explained"
          + " (read_committed) and compares every probability with the batch path"
          + " (ApplicationScorer on the same application and history, same bundle) bit for bit.",
      "Prints one JSON line last: applications, decided, explained, lost (no decision),"
          + " duplicated (ids with more than one decision or explanation record),"
          + " differ_from_batch, kills, max_recovery_s, latency and per-kind recovery figures."
          + " A kill's recovery is the time from the SIGKILL to the first committed record seen"
          + " afterwards on each partition the dead part held, the slowest of them: for a scorer"
          + " the loan-decisions partitions of its tasks (all of them when its assignment cannot"
          + " be read), for a broker the loan-decisions partitions it led, for an explainer every"
          + " loan-decisions-explained partition.",
      "Exit 0 only when nothing is lost, duplicated, different or unknown and every application"
          + " is decided and explained; 1 otherwise."
    })
final class ChaosCommand implements Callable<Integer> {

  /** The scorers' Kafka Streams application id. */
  static final String SCORER_APPLICATION_ID = "chaos-scorer";

  /** The longest a kill waits for the previous one's recovery (see previousKillRecovered). */
  static final long KILL_GAP_CAP_MS = 300_000;

  /** The explainers' consumer group. */
  static final String EXPLAINER_GROUP = "chaos-explainer";

  /** A Kafka Streams process id (a UUID) in the state folder's process metadata file. */
  static final Pattern PROCESS_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @Option(
      names = "--brokers",
      paramLabel = "N",
      description = "Kafka brokers, each its own process (default: ${DEFAULT-VALUE}).")
  int brokers = 3;

  @Option(
      names = "--scorers",
      paramLabel = "N",
      description = "Scorer processes (default: ${DEFAULT-VALUE}).")
  int scorers = 2;

  @Option(
      names = "--explainers",
      paramLabel = "N",
      description = "Explainer processes (default: ${DEFAULT-VALUE}).")
  int explainers = 1;

  @Option(
      names = "--applications",
      paramLabel = "N",
      description = "Applications published, each of a new client (default: ${DEFAULT-VALUE}).")
  int applications = 5_000;

  @Option(
      names = "--kill-scorer",
      paramLabel = "K",
      description = "SIGKILLs of a scorer (default: ${DEFAULT-VALUE}).")
  int killScorer;

  @Option(
      names = "--kill-broker",
      paramLabel = "K",
      description = "SIGKILLs of a broker, one down at a time (default: ${DEFAULT-VALUE}).")
  int killBroker;

  @Option(
      names = "--kill-explainer",
      paramLabel = "K",
      description = "SIGKILLs of an explainer (default: ${DEFAULT-VALUE}).")
  int killExplainer;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description =
          "Seed of the generated clients and of the kill schedule (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "Applications published per second (default: ${DEFAULT-VALUE}).")
  double rate = 100;

  @Option(
      names = "--in-flight",
      paramLabel = "N",
      description =
          "Applications published at most ahead of those decided, so that publishing, and"
              + " applications waiting for their history, go on while the kills happen, and"
              + " latency is the pipeline's rather than a queue's (default: ${DEFAULT-VALUE}).")
  int inFlight = 500;

  @Option(
      names = "--workdir",
      paramLabel = "DIR",
      description =
          "Where the bundle, the generated data, the brokers' data, the scorers' state and every"
              + " process's log go; the run's part is cleared at start (default: chaos).")
  Path workdir = Path.of("chaos");

  @Option(
      names = "--model",
      paramLabel = "BUNDLE",
      description =
          "Model bundle; without it a quick one (2 folds, learning rate 0.3, at most 100"
              + " rounds) is trained on --data into WORKDIR/bundle when missing.")
  Path model;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Labelled Kaggle tables the clients are generated from (and the bundle trained on)"
              + " (default: data/home-credit-sample).")
  Path data = Path.of("data", "home-credit-sample");

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
  int partitions = 4;

  @Option(
      names = "--broker-down-seconds",
      paramLabel = "S",
      description =
          "How long a killed broker stays down before its restart (default: ${DEFAULT-VALUE}).")
  int brokerDownSeconds = 10;

  @Option(
      names = "--stall-seconds",
      paramLabel = "S",
      description =
          "Give up (and count what is missing as lost) when nothing new is committed for this"
              + " long (default: ${DEFAULT-VALUE}).")
  int stallSeconds = 300;

  @Override
  public Integer call() throws Exception {
    if (brokers < 1
        || scorers < 1
        || explainers < 1
        || applications < 1
        || !(rate > 0)
        || partitions < 1
        || brokerDownSeconds < 0
        || stallSeconds < 1
        || inFlight < 1) {
      throw new UserException(
          "--brokers, --scorers, --explainers, --applications, --rate, --partitions,"
              + " --in-flight and --stall-seconds must be positive, --broker-down-seconds 0 or"
              + " more");
    }
    if (killBroker > 0 && brokers < 3) {
      // With fewer than three, a dead broker leaves a partition without the in-sync replicas
      // acks=all needs (or without any replica at all): the run would stall, not test anything.
      throw new UserException("--kill-broker needs --brokers 3 or more");
    }
    List<ChaosSchedule.Kill> schedule;
    try {
      schedule =
          ChaosSchedule.draw(
              seed, scorers, killScorer, brokers, killBroker, explainers, killExplainer);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
    // This JVM's clients (publisher, reader, admin) see brokers die on purpose: their connection
    // warnings are the test working, not news. The children's logs keep theirs.
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    Files.createDirectories(workdir);
    Path bundleDir = model != null ? model : workdir.resolve("bundle");
    if (model == null && !Files.exists(bundleDir.resolve("model.onnx"))) {
      train(data, bundleDir);
    }
    Path generated = generate();
    Run run = new Run(schedule, bundleDir.toAbsolutePath(), generated);
    try {
      return run.execute();
    } finally {
      run.close();
    }
  }

  /**
   * A quick bundle: 2 folds, learning rate 0.3, at most 100 rounds, no search. What this command
   * tests is delivery (nothing lost, doubled or different from the batch path with the same
   * bundle), which any real bundle shows as well as a tuned one, and a run should not spend minutes
   * of a shared CI machine on the model.
   */
  static void train(Path trainData, Path bundleDir) {
    log("training a quick bundle on %s into %s", trainData, bundleDir);
    TrainingOptions options =
        new TrainingOptions(2, 42, 0, 10, 1, 2, 0.3, 100, TrainingOptions.NONE, Map.of());
    HomeCreditFiles files = HomeCreditFiles.locate(trainData);
    TrainingResult result =
        new Trainer(options, TrainingProgress.NONE)
            .train(
                HomeCreditData.load(files, new HomeCreditData.Options(Instant.now(), 2, n -> {})),
                TrainingData.sha256(files));
    BundleWriter.write(result, bundleDir, TrainingProgress.NONE);
  }

  /** {@code --applications} generated clients in WORKDIR, kept for another run with the seed. */
  private Path generate() throws IOException {
    Path out = workdir.resolve("data-" + applications + "-" + seed);
    Path done = out.resolve(".complete");
    if (Files.exists(done)) {
      return out;
    }
    log("generating %,d clients from %s (seed %d)", applications, data, seed);
    FileSystemUtils.deleteRecursively(out);
    Files.createDirectories(out);
    SourceData source = new SourceData(HomeCreditFiles.locate(data));
    ScaleUp scaleUp = new ScaleUp(source, applications, seed);
    for (var t : source.tables()) {
      String name = source.file(t).getFileName().toString().replaceAll("\\.gz$", "");
      scaleUp.write(t, out.resolve(name), false, n -> {});
    }
    Files.writeString(done, "", StandardCharsets.UTF_8);
    return out;
  }

  static void log(String format, Object... args) {
    System.err.printf(
        Locale.ROOT, "chaos %s: %s%n", Instant.now(), String.format(Locale.ROOT, format, args));
  }

  /** A send held back until {@code dueNanos}; {@code seq} keeps sends of one instant in order. */
  record Delayed(long dueNanos, long seq, Runnable send) {}

  /** One kill as it happened. */
  record KillRecord(
      Kind kind,
      int target,
      double atSeconds,
      long killMillis,
      Set<Integer> partitions,
      String partitionsFrom,
      long decided,
      long published,
      long awaitingHistory) {}

  /** One run: the processes, the publisher, the reader, the kills and the verdict. */
  private final class Run implements AutoCloseable {
    final List<ChaosSchedule.Kill> schedule;
    final Path bundle;
    final Path generated;
    final Path dir = workdir.resolve("run").toAbsolutePath();
    final Topics topics = Topics.standard();
    final long started = System.nanoTime();
    final List<String> launcher;
    final boolean staticMembership =
        has("scorer", "--instance-id")
            && has("scorer", "--advertised-query")
            && has("explainer", "--instance-id");

    KafkaClusterLayout layout;
    final List<BrokerProcess> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<ChildJvm> scorerJvms = new ArrayList<>();
    final List<ChildJvm> explainerJvms = new ArrayList<>();
    final List<KillRecord> kills = new ArrayList<>();
    final AtomicLong unplannedRestarts = new AtomicLong();
    CompletableFuture<Void> brokerRestart = CompletableFuture.completedFuture(null);

    // Written by the publisher, read by the reader and at the end.
    final Map<String, Long> submittedAt = new ConcurrentHashMap<>();
    final AtomicLong published = new AtomicLong();
    // Applications published whose history is not sent yet: they wait in the scorer.
    final AtomicLong awaitingHistory = new AtomicLong();
    final AtomicReference<Exception> publishFailure = new AtomicReference<>();
    // Written by the reader.
    ChaosVerdict.Tally tally;
    final Object tallyLock = new Object();
    final Map<String, Long> firstDecidedAt = new ConcurrentHashMap<>();
    final ChaosFigures.Timeline decisionTimes = new ChaosFigures.Timeline();
    final ChaosFigures.Timeline explainedTimes = new ChaosFigures.Timeline();
    final AtomicLong deadLetters = new AtomicLong();
    final AtomicLong undecodable = new AtomicLong();
    final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    volatile boolean drain;
    volatile boolean readerDone;

    Run(List<ChaosSchedule.Kill> schedule, Path bundle, Path generated) {
      this.schedule = schedule;
      this.bundle = bundle;
      this.generated = generated;
      String xmx = "-Xmx512m";
      // Every child's log lines carry the time of day (UTC, as this command's own lines), so that
      // a recovery can be read against the kill that caused it.
      this.launcher =
          ChildJvm.launcher(
              ScoringCli.class.getName(),
              List.of(
                  xmx,
                  "-Duser.timezone=UTC",
                  "-Dorg.slf4j.simpleLogger.showDateTime=true",
                  "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"));
    }

    int execute() throws Exception {
      FileSystemUtils.deleteRecursively(dir);
      Files.createDirectories(dir);
      List<Applicant> applicants = expected();
      startCluster();
      ProjectTopics.create(layout.bootstrapServers(), topics, partitions, layout.replication());
      log(
          "%d brokers up (%s), topics with %d partitions and %d replicas",
          brokers, layout.bootstrapServers(), partitions, layout.replication());
      for (int i = 0; i < scorers; i++) {
        scorerJvms.add(scorer(i).start());
      }
      for (int i = 0; i < explainers; i++) {
        explainerJvms.add(explainer(i).start());
      }
      log(
          "%d scorers (%s), %d explainers started; kills: %s",
          scorers,
          staticMembership ? "static membership" : "no --instance-id in this scorer",
          explainers,
          schedule);
      Thread reader = new Thread(this::read, "chaos-reader");
      reader.setDaemon(true);
      reader.start();
      Thread publisher = new Thread(() -> publish(applicants), "chaos-publisher");
      publisher.setDaemon(true);
      publisher.start();

      boolean stalled = drive(publisher);
      // Every part stops cleanly (its open transaction commits or aborts), then what was committed
      // is read to the end, so that a duplicate committed last would still be counted.
      brokerRestart.get(10, TimeUnit.MINUTES);
      for (ChildJvm c : concat(scorerJvms, explainerJvms)) {
        c.stop(60);
      }
      drain = true;
      reader.join(TimeUnit.MINUTES.toMillis(5));
      String json = json(stalled, applicants.size());
      System.out.println(json);
      System.out.flush();
      ChaosVerdict v = verdict();
      return v.passed() && deadLetters.get() == 0 && undecodable.get() == 0 && !stalled ? 0 : 1;
    }

    ChaosVerdict verdict() {
      synchronized (tallyLock) {
        return tally.verdict();
      }
    }

    long decided() {
      synchronized (tallyLock) {
        return tally.decided();
      }
    }

    /** Loads the generated clients and scores each with the batch path: the expected answers. */
    List<Applicant> expected() {
      log("loading %s and scoring it with the batch path", generated);
      List<Applicant> applicants =
          HomeCreditData.load(generated, Instant.now()).applicants().toList();
      Map<String, Long> expected = new java.util.HashMap<>();
      try (ModelBundle model = ScoringCli.loadBundle(bundle, "cannot use model bundle: ")) {
        ApplicationScorer batch = ApplicationScorer.of(model);
        for (Applicant a : applicants) {
          double p = batch.scoreWhole(a.application(), a.history()).scored().probability();
          expected.put(a.application().getApplicationId(), Double.doubleToLongBits(p));
        }
      }
      if (expected.size() != applicants.size()) {
        throw new UserException("the generated applications' ids are not distinct");
      }
      tally = new ChaosVerdict.Tally(Map.copyOf(expected));
      return applicants;
    }

    void startCluster() throws Exception {
      layout = KafkaClusterLayout.onFreePorts(brokers);
      List<CompletableFuture<BrokerProcess>> starting = new ArrayList<>();
      for (KafkaClusterLayout.Node n : layout.nodes()) {
        starting.add(CompletableFuture.supplyAsync(() -> startNode(n.id())));
      }
      for (CompletableFuture<BrokerProcess> f : starting) {
        nodes.add(f.get(10, TimeUnit.MINUTES));
      }
    }

    BrokerProcess startNode(int id) {
      List<String> l = new ArrayList<>(launcher);
      l.addAll(List.of(ChaosChild.COMMAND, ChaosChild.KAFKA_NODE));
      return BrokerProcess.startNode(layout, id, dir.resolve("kafka-" + id), l);
    }

    ChildJvm scorer(int i) throws IOException {
      int httpPort = freePort();
      List<String> c = new ArrayList<>(launcher);
      c.addAll(
          List.of(
              ChaosChild.COMMAND,
              "scorer",
              "--bootstrap",
              layout.bootstrapServers(),
              "--model",
              bundle.toString(),
              "--application-id",
              SCORER_APPLICATION_ID,
              "--state-dir",
              dir.resolve("scorer-" + (i + 1)).toString(),
              "--threads",
              "1",
              "--http-port",
              String.valueOf(httpPort),
              "--partitions",
              String.valueOf(partitions),
              // Applications published before their history wait for it; the wait must outlast
              // the kills and restarts, or a decision would be made on part of the history.
              "--history-wait-seconds",
              "900"));
      if (staticMembership) {
        // Issue 16's scorer options: a stable member (and state) across restarts, and where other
        // instances reach this one's queries.
        c.addAll(
            List.of(
                "--instance-id",
                "scorer-" + (i + 1),
                "--advertised-query",
                "localhost:" + httpPort));
      }
      return new ChildJvm("scorer-" + (i + 1), c, dir.resolve("scorer-" + (i + 1) + ".log"));
    }

    ChildJvm explainer(int i) {
      List<String> c = new ArrayList<>(launcher);
      c.addAll(
          List.of(
              ChaosChild.COMMAND,
              "explainer",
              "--bootstrap",
              layout.bootstrapServers(),
              "--model",
              bundle.toString(),
              "--group-id",
              EXPLAINER_GROUP,
              // Stable per instance across restarts (the restarted one fences its dead self),
              // distinct between instances.
              "--transaction-id-prefix",
              "chaos-explainer-" + (i + 1) + "-",
              "--threads",
              "1",
              "--http-port",
              "0"));
      if (staticMembership) {
        // A stable member across restarts: the restarted explainer takes its partitions back at
        // once instead of waiting for its dead run's session.
        c.addAll(List.of("--instance-id", "explainer-" + (i + 1)));
      }
      return new ChildJvm("explainer-" + (i + 1), c, dir.resolve("explainer-" + (i + 1) + ".log"));
    }

    /**
     * Publishes every application at the rate: one in four before its history (which follows two
     * seconds later, so that it waits in the scorer), the others after it; one client in ten has
     * its history sent again three seconds later and one in twenty its application (the same id and
     * content: a retried send), which must change nothing.
     */
    void publish(List<Applicant> applicants) {
      // Bounded by the rate: what three seconds of publishing hold back at most.
      PriorityQueue<Delayed> later =
          new PriorityQueue<>(
              (a, b) ->
                  a.dueNanos != b.dueNanos
                      ? Long.compare(a.dueNanos, b.dueNanos)
                      : Long.compare(a.seq, b.seq));
      long seq = 0;
      RateLimiter limiter = RateLimiter.create(rate);
      try (KafkaProducer<byte[], byte[]> producer = producer()) {
        for (int i = 0; i < applicants.size(); i++) {
          limiter.acquire();
          sendDue(later);
          while (i - decided() >= inFlight && publishFailure.get() == null) {
            Thread.sleep(20);
            sendDue(later);
          }
          Applicant a = applicants.get(i);
          Instant now = Instant.now();
          List<ClientHistoryEvent> history = ClientHistories.events(a.history(), now);
          LoanApplication application = LoanApplication.newBuilder(a.application()).build();
          application.setSubmittedAt(now);
          application.setHistoryEvents(ClientHistories.count(a.history()));
          application.setHistoryAnnounced(HistorySources.counts(a.history()));
          long client = a.clientId();
          submittedAt.putIfAbsent(application.getApplicationId(), now.toEpochMilli());
          long t = System.nanoTime();
          if (i % 4 == 0 && !history.isEmpty()) {
            send(producer, topics.loanApplications(), client, application);
            awaitingHistory.incrementAndGet();
            later.add(
                new Delayed(
                    t + 2_000_000_000L,
                    seq++,
                    () -> {
                      history.forEach(e -> send(producer, topics.clientHistory(), client, e));
                      awaitingHistory.decrementAndGet();
                    }));
          } else {
            history.forEach(e -> send(producer, topics.clientHistory(), client, e));
            send(producer, topics.loanApplications(), client, application);
          }
          if (i % 10 == 3 && !history.isEmpty()) {
            later.add(
                new Delayed(
                    t + 3_000_000_000L,
                    seq++,
                    () -> history.forEach(e -> send(producer, topics.clientHistory(), client, e))));
          }
          if (i % 20 == 7) {
            later.add(
                new Delayed(
                    t + 3_000_000_000L,
                    seq++,
                    () -> {
                      LoanApplication again = LoanApplication.newBuilder(application).build();
                      again.setSubmittedAt(Instant.now());
                      send(producer, topics.loanApplications(), client, again);
                    }));
          }
          published.incrementAndGet();
          Exception failed = publishFailure.get();
          if (failed != null) {
            throw failed;
          }
        }
        while (!later.isEmpty()) {
          Thread.sleep(50);
          sendDue(later);
        }
        producer.flush();
        if (publishFailure.get() != null) {
          throw publishFailure.get();
        }
        log("published %,d applications", applicants.size());
      } catch (Exception e) {
        publishFailure.compareAndSet(null, e);
        log("publishing failed: %s", e);
      }
    }

    /** Sends what is due of {@code later}, in due order. */
    private void sendDue(PriorityQueue<Delayed> later) {
      long now = System.nanoTime();
      while (!later.isEmpty() && later.peek().dueNanos() <= now) {
        later.poll().send().run();
      }
    }

    <V> void send(KafkaProducer<byte[], byte[]> producer, Topic<Long, V> topic, long key, V value) {
      producer.send(
          new ProducerRecord<>(
              topic.name(),
              topic.keySerde().serializer().serialize(topic.name(), key),
              topic.valueSerde().serializer().serialize(topic.name(), value)),
          (m, e) -> {
            if (e != null) {
              publishFailure.compareAndSet(null, e);
            }
          });
    }

    KafkaProducer<byte[], byte[]> producer() {
      return new KafkaProducer<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
              layout.bootstrapServers(),
              ProducerConfig.ACKS_CONFIG,
              "all",
              ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
              true,
              ProducerConfig.LINGER_MS_CONFIG,
              5,
              // A broker down for a minute, and the elections after it: retry, do not give up.
              ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
              600_000,
              ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
              30_000,
              ProducerConfig.MAX_BLOCK_MS_CONFIG,
              300_000),
          new ByteArraySerializer(),
          new ByteArraySerializer());
    }

    /** Reads every committed decision, explanation and dead letter, until told to drain. */
    void read() {
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  layout.bootstrapServers(),
                  ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                  "read_committed",
                  ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                  false),
              new ByteArrayDeserializer(),
              new ByteArrayDeserializer())) {
        List<TopicPartition> assigned = new ArrayList<>();
        for (Topic<?, ?> t :
            List.of(topics.decisions(), topics.explainedDecisions(), topics.deadLetters())) {
          for (int p = 0; p < partitions; p++) {
            assigned.add(new TopicPartition(t.name(), p));
          }
        }
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        Map<TopicPartition, Long> end = null;
        while (true) {
          if (drain && end == null) {
            // read_committed: the end offsets are the last stable offsets, past every transaction
            // the stopped parts committed.
            end = consumer.endOffsets(assigned, Duration.ofMinutes(2));
          }
          if (end != null) {
            Map<TopicPartition, Long> e = end;
            if (assigned.stream().allMatch(p -> consumer.position(p) >= e.get(p))) {
              break;
            }
          }
          var records = consumer.poll(Duration.ofMillis(200));
          long now = System.currentTimeMillis();
          for (ConsumerRecord<byte[], byte[]> r : records) {
            take(r, now);
          }
        }
      } catch (RuntimeException e) {
        log("the reader failed: %s", e);
      } finally {
        readerDone = true;
      }
    }

    void take(ConsumerRecord<byte[], byte[]> r, long now) {
      try {
        if (r.topic().equals(topics.decisions().name())) {
          Decision d =
              topics.decisions().valueSerde().deserializer().deserialize(r.topic(), r.value());
          synchronized (tallyLock) {
            tally.decision(d.getApplicationId(), d.getProbability());
          }
          firstDecidedAt.putIfAbsent(d.getApplicationId(), d.getDecidedAt().toEpochMilli());
          decisionTimes.add(r.partition(), now);
        } else if (r.topic().equals(topics.explainedDecisions().name())) {
          ExplainedDecision e =
              topics
                  .explainedDecisions()
                  .valueSerde()
                  .deserializer()
                  .deserialize(r.topic(), r.value());
          synchronized (tallyLock) {
            tally.explanation(e.getDecision().getApplicationId(), e.getDecision().getProbability());
          }
          explainedTimes.add(r.partition(), now);
        } else {
          deadLetters.incrementAndGet();
        }
        lastProgress.set(System.nanoTime());
      } catch (RuntimeException e) {
        undecodable.incrementAndGet();
      }
    }

    /**
     * The main loop: fires each kill at its point, once the previous kill is over (a broker back,
     * and every partition the previous kill stopped producing again), restarts a child that died by
     * itself, and stops when everything is decided and explained and every kill done, or when
     * nothing moves for --stall-seconds. Returns whether it stalled.
     */
    boolean drive(Thread publisher) throws Exception {
      int next = 0;
      long lastReport = System.nanoTime();
      // The stall clock starts here, not when the run was set up: scoring the expected answers
      // and starting the cluster took minutes on a loaded machine, and the run was declared
      // stalled before the scorers had decided their first application.
      lastProgress.set(System.nanoTime());
      try (Admin admin = admin()) {
        while (true) {
          Thread.sleep(200);
          restartDeadChildren();
          long decided;
          long explained;
          synchronized (tallyLock) {
            decided = tally.decided();
            explained = tally.explained();
          }
          if (next < schedule.size()
              && decided >= schedule.get(next).atDecided() * applications
              && brokerRestart.isDone()
              && previousKillRecovered()
              && clusterInSync(admin)) {
            kill(schedule.get(next), admin);
            next++;
            lastProgress.set(System.nanoTime());
          }
          if (System.nanoTime() - lastReport > 10_000_000_000L) {
            lastReport = System.nanoTime();
            log(
                "published %,d, decided %,d, explained %,d, dead letters %d; kills %d of %d",
                published.get(), decided, explained, deadLetters.get(), next, schedule.size());
          }
          if (publishFailure.get() != null) {
            log("stopping: the publisher failed");
            return true;
          }
          if (!publisher.isAlive()
              && decided == applications
              && explained == applications
              && next == schedule.size()
              && brokerRestart.isDone()) {
            log("every application decided and explained, every kill done");
            // A moment more: a duplicate committed right behind the last would still be read.
            Thread.sleep(2_000);
            return false;
          }
          if (System.nanoTime() - lastProgress.get() > stallSeconds * 1_000_000_000L) {
            log("stopping: nothing new for %d s", stallSeconds);
            return true;
          }
        }
      }
    }

    /**
     * Whether the last kill is over: every partition it stopped has had a committed record since,
     * or {@link #KILL_GAP_CAP_MS} have passed (a partition with nothing left to do never produces
     * again). Without this gate a backlog decided at once after a long fault passed several kill
     * points in a row, and kills fell into each other's recoveries.
     */
    boolean previousKillRecovered() {
      if (kills.isEmpty()) {
        return true;
      }
      KillRecord last = kills.get(kills.size() - 1);
      if (System.currentTimeMillis() - last.killMillis() > KILL_GAP_CAP_MS) {
        return true;
      }
      ChaosFigures.Timeline timeline =
          last.kind() == Kind.EXPLAINER ? explainedTimes : decisionTimes;
      return ChaosFigures.recoveredOnAll(timeline, last.partitions(), last.killMillis());
    }

    void kill(ChaosSchedule.Kill k, Admin admin) throws Exception {
      double at = (System.nanoTime() - started) / 1e9;
      Set<Integer> held;
      String from;
      switch (k.kind()) {
        case SCORER -> {
          Set<Integer> assigned = scorerPartitions(admin, k.target());
          held = assigned.isEmpty() ? allPartitions() : assigned;
          from = assigned.isEmpty() ? "all (assignment not read)" : "its tasks";
        }
        case BROKER -> {
          Set<Integer> led = ledPartitions(admin, layout.nodes().get(k.target()).id());
          held = led.isEmpty() ? allPartitions() : led;
          from = led.isEmpty() ? "all (it led none)" : "led";
        }
        default -> {
          held = allPartitions();
          from = "all";
        }
      }
      long killMillis = System.currentTimeMillis();
      long waiting = awaitingHistory.get();
      long publishedThen = published.get();
      long decidedThen = decided();
      switch (k.kind()) {
        case SCORER -> {
          ChildJvm c = scorerJvms.get(k.target());
          long pid = c.pid();
          int exit = c.kill();
          log("SIGKILL %s (pid %d, exit %d), partitions %s; restarting", c.name(), pid, exit, held);
          c.start();
        }
        case EXPLAINER -> {
          ChildJvm c = explainerJvms.get(k.target());
          long pid = c.pid();
          int exit = c.kill();
          log("SIGKILL %s (pid %d, exit %d); restarting", c.name(), pid, exit);
          c.start();
        }
        case BROKER -> {
          int index = k.target();
          BrokerProcess node = nodes.get(index);
          long pid = node.pid();
          node.kill();
          int id = layout.nodes().get(index).id();
          log(
              "SIGKILL broker %d (pid %d), leader of %s; restart in %d s",
              id, pid, held, brokerDownSeconds);
          brokerRestart =
              CompletableFuture.runAsync(
                  () -> {
                    try {
                      Thread.sleep(brokerDownSeconds * 1000L);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                    nodes.set(index, startNode(id));
                    log("broker %d restarted", id);
                  });
        }
      }
      log(
          "at the kill: %,d published, %,d decided, %,d published before their history, which is"
              + " not sent yet",
          publishedThen, decidedThen, waiting);
      kills.add(
          new KillRecord(
              k.kind(),
              k.target(),
              at,
              killMillis,
              held,
              from,
              decidedThen,
              publishedThen,
              waiting));
    }

    void restartDeadChildren() {
      for (ChildJvm c : concat(scorerJvms, explainerJvms)) {
        if (!c.isAlive()) {
          log("%s exited by itself (%d), see %s; restarting", c.name(), c.exitValue(), c.log());
          unplannedRestarts.incrementAndGet();
          c.start();
        }
      }
    }

    /** No partition of any topic short of replicas in sync: one broker may go down. */
    boolean clusterInSync(Admin admin) {
      try {
        Set<String> names =
            admin
                .listTopics(
                    new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                .names()
                .get(30, TimeUnit.SECONDS);
        for (TopicDescription d :
            admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
          for (TopicPartitionInfo p : d.partitions()) {
            if (p.leader() == null || p.isr().size() < p.replicas().size()) {
              return false;
            }
          }
        }
        return true;
      } catch (Exception e) {
        return false;
      }
    }

    Set<Integer> ledPartitions(Admin admin, int nodeId) {
      try {
        String name = topics.decisions().name();
        TopicDescription d =
            admin.describeTopics(List.of(name)).allTopicNames().get(30, TimeUnit.SECONDS).get(name);
        Set<Integer> led = new TreeSet<>();
        for (TopicPartitionInfo p : d.partitions()) {
          if (p.leader() != null && p.leader().id() == nodeId) {
            led.add(p.partition());
          }
        }
        return led;
      } catch (Exception e) {
        return Set.of();
      }
    }

    /**
     * The loan-applications partitions of a scorer's tasks: its Kafka Streams process id (in its
     * state folder) names its consumers' client ids, whose assignment the group describes. Empty
     * when it cannot be read.
     */
    Set<Integer> scorerPartitions(Admin admin, int target) {
      try {
        String processId = processId(dir.resolve("scorer-" + (target + 1)));
        if (processId == null) {
          return Set.of();
        }
        ConsumerGroupDescription g =
            admin
                .describeConsumerGroups(List.of(SCORER_APPLICATION_ID))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(SCORER_APPLICATION_ID);
        Set<Integer> held = new TreeSet<>();
        for (MemberDescription m : g.members()) {
          if (m.clientId().contains(processId)) {
            for (TopicPartition tp : m.assignment().topicPartitions()) {
              if (tp.topic().equals(topics.loanApplications().name())) {
                held.add(tp.partition());
              }
            }
          }
        }
        return held;
      } catch (Exception e) {
        return Set.of();
      }
    }

    Set<Integer> allPartitions() {
      Set<Integer> all = new TreeSet<>();
      for (int p = 0; p < partitions; p++) {
        all.add(p);
      }
      return all;
    }

    Admin admin() {
      return Admin.create(
          Map.of(
              AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
              layout.bootstrapServers(),
              AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
              30_000,
              AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
              10_000));
    }

    String json(boolean stalled, int n) {
      ChaosVerdict v = verdict();
      // Latency: decided_at - submitted_at of each application's first decision; "during faults"
      // for the applications submitted between a kill and its recovery.
      List<long[]> windows = new ArrayList<>();
      StringBuilder killLog = new StringBuilder();
      Map<Kind, List<Double>> byKind = new java.util.EnumMap<>(Kind.class);
      double maxRecovery = -1;
      for (KillRecord k : kills) {
        ChaosFigures.Timeline timeline =
            k.kind() == Kind.EXPLAINER ? explainedTimes : decisionTimes;
        OptionalLong r = ChaosFigures.recoveryMillis(timeline, k.partitions(), k.killMillis());
        Double seconds = r.isPresent() ? r.getAsLong() / 1000.0 : null;
        if (seconds != null) {
          byKind.computeIfAbsent(k.kind(), x -> new ArrayList<>()).add(seconds);
          maxRecovery = Math.max(maxRecovery, seconds);
          windows.add(new long[] {k.killMillis(), k.killMillis() + r.getAsLong()});
        }
        killLog
            .append(killLog.length() == 0 ? "" : ",")
            .append(
                String.format(
                    Locale.ROOT,
                    "{\"kind\":\"%s\",\"target\":%d,\"at_s\":%.1f,\"published\":%d,"
                        + "\"decided\":%d,\"awaiting_history\":%d,\"partitions\":%s,"
                        + "\"partitions_from\":\"%s\",\"recovery_s\":%s}",
                    k.kind().label(),
                    k.target() + 1,
                    k.atSeconds(),
                    k.published(),
                    k.decided(),
                    k.awaitingHistory(),
                    k.partitions().toString().replace(" ", ""),
                    k.partitionsFrom(),
                    seconds == null ? "null" : String.format(Locale.ROOT, "%.1f", seconds)));
      }
      List<Double> all = new ArrayList<>();
      List<Double> duringFaults = new ArrayList<>();
      firstDecidedAt.forEach(
          (id, decided) -> {
            Long submitted = submittedAt.get(id);
            if (submitted != null) {
              double ms = decided - submitted;
              all.add(ms);
              for (long[] w : windows) {
                if (submitted >= w[0] && submitted <= w[1]) {
                  duringFaults.add(ms);
                  break;
                }
              }
            }
          });
      StringBuilder recovery = new StringBuilder();
      for (Kind kind : Kind.values()) {
        List<Double> r = byKind.getOrDefault(kind, List.of());
        long count = kills.stream().filter(k -> k.kind() == kind).count();
        recovery
            .append(recovery.length() == 0 ? "" : ",")
            .append(
                String.format(
                    Locale.ROOT,
                    "\"%s\":{\"kills\":%d,\"p50_s\":%s,\"max_s\":%s}",
                    kind.label(),
                    count,
                    number(ChaosFigures.quantile(toArray(r), 0.5), 1),
                    number(
                        r.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), 1)));
      }
      return String.format(
          Locale.ROOT,
          "{\"applications\":%d,\"decided\":%d,\"explained\":%d,\"lost\":%d,\"duplicated\":%d,"
              + "\"differ_from_batch\":%d,\"kills\":%d,\"max_recovery_s\":%s,"
              + "\"p99_latency_ms\":%s,\"p50_latency_ms\":%s,\"p99_latency_during_faults_ms\":%s,"
              + "\"unknown\":%d,\"dead_letters\":%d,\"undecodable\":%d,\"stalled\":%s,"
              + "\"unplanned_restarts\":%d,\"recovery\":{%s},\"kill_log\":[%s],"
              + "\"brokers\":%d,\"scorers\":%d,\"explainers\":%d,\"partitions\":%d,"
              + "\"replication\":%d,\"rate\":%s,\"in_flight\":%d,\"seed\":%d,"
              + "\"static_membership\":%s,"
              + "\"seconds\":%.1f}",
          v.applications(),
          v.decided(),
          v.explained(),
          v.lost(),
          v.duplicated(),
          v.differFromBatch(),
          kills.size(),
          maxRecovery < 0 ? "null" : String.format(Locale.ROOT, "%.1f", maxRecovery),
          number(ChaosFigures.quantile(toArray(all), 0.99), 0),
          number(ChaosFigures.quantile(toArray(all), 0.5), 0),
          number(ChaosFigures.quantile(toArray(duringFaults), 0.99), 0),
          v.unknown(),
          deadLetters.get(),
          undecodable.get(),
          stalled,
          unplannedRestarts.get(),
          recovery,
          killLog,
          brokers,
          scorers,
          explainers,
          partitions,
          layout.replication(),
          number(rate, 1),
          inFlight,
          seed,
          staticMembership,
          (System.nanoTime() - started) / 1e9);
    }

    @Override
    public void close() {
      for (ChildJvm c : concat(scorerJvms, explainerJvms)) {
        try {
          if (c.isAlive()) {
            c.stop(30);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      brokerRestart.cancel(true);
      // SIGKILL, all at once: the verdict is read, the data is this run's (cleared by the next),
      // and a clean stop one node after the other would leave the last ones without a controller
      // quorum, waiting out their shutdown timeouts.
      for (BrokerProcess b : nodes) {
        if (b.isAlive()) {
          b.kill();
        }
      }
    }
  }

  static List<ChildJvm> concat(List<ChildJvm> a, List<ChildJvm> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  static double[] toArray(Collection<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A JSON number with {@code decimals} decimals, or null for NaN. */
  static String number(double v, int decimals) {
    return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** Whether this jar's {@code command} has the option {@code name}. */
  static boolean has(String command, String name) {
    return ScoringCli.commandLine().getSubcommands().get(command).getCommandSpec().findOption(name)
        != null;
  }

  /** The Kafka Streams process id in a scorer's state folder, or null before it wrote one. */
  static String processId(Path stateRoot) throws IOException {
    if (!Files.isDirectory(stateRoot)) {
      return null;
    }
    try (Stream<Path> files = Files.walk(stateRoot, 4)) {
      for (Path p :
          files
              .filter(f -> f.getFileName().toString().equals("kafka-streams-process-metadata"))
              .toList()) {
        Matcher m = PROCESS_ID.matcher(Files.readString(p, StandardCharsets.UTF_8));
        if (m.find()) {
          return m.group();
        }
      }
    } catch (UncheckedIOException e) {
      return null;
    }
    return null;
  }

  static int freePort() throws IOException {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 0, java.net.InetAddress.getByName("localhost"))) {
      return s.getLocalPort();
    }
  }
}
