package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.broker.BrokerProcess;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.ingest.replay.Replay;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.schemas.ClientHistories;
import fr.pretadepenser.scoring.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once under SIGKILL: a broker in a child JVM, {@code scoring generate} clients with their
 * histories, the ingest replay, and the scorer as a separate JVM ({@code java -jar
 * target/scoring.jar scorer ...}) killed with SIGKILL at given points of the run and restarted on
 * the same state folder. A {@code read_committed} consumer then counts the decisions of every
 * application: none lost, none doubled, no dead letter; and every decision's feature vector and
 * probability equal the batch path's ({@link ApplicationScorer} on the generated tables) to the
 * bit, which a history event folded twice or lost across a crash would break.
 *
 * <p>By default the applications are published <em>before</em> the history ({@code
 * crash.order=applications-first}), so every application waits in the scorer's pending store for
 * its announced history and a kill during the history fold is a kill while applications wait. Once
 * every application is decided, the same data is replayed a second time (a retried ingest) and a
 * {@code resend} kill lands while that re-sent history is folding: the tally must still show one
 * decision per application, equal to the batch path.
 *
 * <p>Not part of the default build (minutes, and it needs the runnable jar): {@code mvn -B -pl app
 * -am verify -Pcrash-test -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}. System properties:
 * {@code crash.clients} (20000), {@code crash.seed} (7), {@code crash.kills} ({@code
 * history:0.3,decisions:0.5,resend:0.5}: SIGKILL once 30% of the history offsets are committed
 * (applications waiting), at 50% of the decisions visible, and once half the re-sent history is
 * committed; {@code resend:F} kill points make the second replay happen), {@code crash.order}
 * ({@code applications-first} or {@code history-first}, the order before issue 15), {@code
 * crash.partitions} (4), {@code crash.threads} (2), {@code crash.commitIntervalMs} (the scorer's
 * default), {@code crash.bundle} (an existing bundle; else one is trained on the sample), {@code
 * crash.dir} (target/crash-test). The figures go to {@code crash.dir}/summary.txt and stdout.
 */
class ScorerCrashIT {

  static final String APPLICATION_ID = "crash-scorer";

  /** Where a SIGKILL happens: once {@code fraction} of the history or of the decisions is done. */
  record KillPoint(String phase, double fraction) {
    static List<KillPoint> parse(String spec) {
      return Arrays.stream(spec.split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .map(
              s -> {
                String[] p = s.split(":");
                if (p.length != 2
                    || !(p[0].equals("history")
                        || p[0].equals("decisions")
                        || p[0].equals("resend"))) {
                  throw new IllegalArgumentException("crash.kills: " + s);
                }
                return new KillPoint(p[0], Double.parseDouble(p[1]));
              })
          .toList();
    }
  }

  /** What the batch path gives for one application. */
  record Expected(long clientId, int[] featureBits, long probabilityBits) {}

  @Test
  void noDecisionIsLostOrDoubledWhenTheScorerIsKilled() throws Exception {
    int clients = Integer.getInteger("crash.clients", 20_000);
    long seed = Long.getLong("crash.seed", 7);
    List<KillPoint> kills =
        KillPoint.parse(System.getProperty("crash.kills", "history:0.3,decisions:0.5,resend:0.5"));
    boolean applicationsFirst =
        switch (System.getProperty("crash.order", "applications-first")) {
          case "applications-first" -> true;
          case "history-first" -> false;
          default ->
              throw new IllegalArgumentException(
                  "crash.order: " + System.getProperty("crash.order"));
        };
    List<KillPoint> firstRunKills =
        kills.stream().filter(k -> !k.phase().equals("resend")).toList();
    List<KillPoint> resendKills = kills.stream().filter(k -> k.phase().equals("resend")).toList();
    int partitions = Integer.getInteger("crash.partitions", 4);
    int threads = Integer.getInteger("crash.threads", 2);
    String commitInterval = System.getProperty("crash.commitIntervalMs", "");
    Path work = Path.of(System.getProperty("crash.dir", "target/crash-test")).toAbsolutePath();
    Path jar = Path.of("target", "scoring.jar").toAbsolutePath();
    assertThat(jar).as("the runnable jar (built by package)").isRegularFile();
    deleteRecursively(work);
    Files.createDirectories(work);
    long start = System.nanoTime();

    // 1. Model bundle and data.
    Path bundle;
    if (System.getProperty("crash.bundle") != null) {
      bundle = Path.of(System.getProperty("crash.bundle")).toAbsolutePath();
    } else {
      bundle = SampleBundle.train(work.resolve("bundle"));
    }
    Path data =
        CommandTestSupport.generated(
            CommandTestSupport.SAMPLE, clients, seed, work.resolve("data"));
    Map<String, Expected> expected = new HashMap<>();
    long historyEvents = 0;
    try (ModelBundle model = ModelBundle.load(bundle)) {
      ApplicationScorer batch = ApplicationScorer.of(model);
      HomeCreditData loaded = HomeCreditData.load(data, Instant.now());
      for (int i = 0; i < loaded.size(); i++) {
        Applicant a = loaded.applicant(i);
        historyEvents += ClientHistories.count(a.history());
        ApplicationScorer.Scored s = batch.score(a.application(), a.history());
        expected.put(
            a.application().getApplicationId(),
            new Expected(
                a.clientId(), bits(s.features()), Double.doubleToLongBits(s.probability())));
      }
    }
    assertThat(expected).hasSize(clients);
    log("%,d applications, %,d history events; bundle %s", clients, historyEvents, bundle);

    // 2. Broker in a child JVM, scorer JVM, ingest, and the kills.
    Topics topics = Topics.standard();
    List<String> scorerCommand =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                jar.toString(),
                "scorer",
                "--model",
                bundle.toString(),
                "--state-dir",
                work.resolve("scorer-state").toString(),
                "--application-id",
                APPLICATION_ID,
                "--threads",
                String.valueOf(threads),
                "--http-port",
                "0",
                "--partitions",
                String.valueOf(partitions),
                // Every application waits for its history when published first: the wait limit
                // must outlast the fold and the restarts, or decisions would use part of it.
                "--history-wait-seconds",
                "900"));
    if (!commitInterval.isEmpty()) {
      scorerCommand.addAll(List.of("--commit-interval-ms", commitInterval));
    }
    Map<String, Integer> counts = new HashMap<>();
    Map<String, float[]> firstFeatures = new HashMap<>();
    Map<String, Double> firstProbability = new HashMap<>();
    List<String> killLog = new ArrayList<>();
    int restarts = 0;
    long deadLetters;
    Replay.Summary replayed;
    try (BrokerProcess kafka = BrokerProcess.start(0, work.resolve("kafka"), topics, partitions);
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        KafkaConsumer<byte[], byte[]> decisions = consumer(kafka.bootstrapServers())) {
      scorerCommand.addAll(List.of("--bootstrap", kafka.bootstrapServers()));
      ScorerJvm scorer = ScorerJvm.start(scorerCommand, work, 1);
      String bootstrap = kafka.bootstrapServers();
      CompletableFuture<Replay.Summary> ingest =
          CompletableFuture.supplyAsync(
              () -> {
                if (!applicationsFirst) {
                  return replay(bootstrap, data, Replay.Mode.ALL);
                }
                Replay.Summary applications =
                    replay(bootstrap, data, Replay.Mode.APPLICATIONS_ONLY);
                Replay.Summary history = replay(bootstrap, data, Replay.Mode.HISTORY_ONLY);
                return new Replay.Summary(
                    history.clients(),
                    history.events(),
                    applications.applications(),
                    0,
                    applications.elapsed().plus(history.elapsed()));
              });
      List<TopicPartition> decisionPartitions = partitions(decisions, topics.decisions().name());
      decisions.assign(decisionPartitions);
      decisions.seekToBeginning(decisionPartitions);

      long deadline = System.nanoTime() + Duration.ofMinutes(40).toNanos();
      int nextKill = 0;
      long killedAt = 0;
      int decisionsSeen = 0;
      long lastHistoryCheck = 0;
      while (counts.size() < clients && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : decisions.poll(Duration.ofMillis(100))) {
          Decision d =
              topics.decisions().valueSerde().deserializer().deserialize(r.topic(), r.value());
          String id = d.getApplicationId();
          if (counts.merge(id, 1, Integer::sum) == 1) {
            firstFeatures.put(id, toArray(d.getFeatures()));
            firstProbability.put(id, d.getProbability());
          }
          decisionsSeen++;
          if (killedAt != 0) {
            killLog.set(
                killLog.size() - 1,
                killLog.get(killLog.size() - 1)
                    + String.format(
                        Locale.ROOT,
                        "; next decision visible %.1f s after the kill",
                        (System.nanoTime() - killedAt) / 1e9));
            killedAt = 0;
          }
        }
        if (!scorer.process.isAlive()) {
          throw new AssertionError(
              "the scorer JVM exited by itself with "
                  + scorer.process.exitValue()
                  + ", see "
                  + scorer.log);
        }
        if (nextKill < firstRunKills.size()) {
          KillPoint k = firstRunKills.get(nextKill);
          boolean due;
          String where;
          if (k.phase().equals("decisions")) {
            due = counts.size() >= k.fraction() * clients;
            where =
                String.format(Locale.ROOT, "%,d of %,d decisions visible", counts.size(), clients);
          } else if (System.nanoTime() - lastHistoryCheck > 500_000_000L) {
            lastHistoryCheck = System.nanoTime();
            long committed = committedHistory(admin, topics.clientHistory().name());
            due = committed >= k.fraction() * historyEvents;
            where =
                String.format(
                    Locale.ROOT, "%,d of %,d history events committed", committed, historyEvents);
          } else {
            due = false;
            where = "";
          }
          if (due) {
            long t = System.nanoTime();
            int exit = scorer.kill();
            String entry =
                String.format(
                    Locale.ROOT,
                    "kill %d at %.1f s (%s:%.2f): SIGKILL pid %d with %s, exit %d",
                    nextKill + 1,
                    (t - start) / 1e9,
                    k.phase(),
                    k.fraction(),
                    scorer.process.pid(),
                    where,
                    exit);
            killLog.add(entry);
            log("%s", entry);
            assertThat(exit).as("SIGKILL exit status").isEqualTo(128 + 9);
            restarts++;
            scorer = ScorerJvm.start(scorerCommand, work, restarts + 1);
            killedAt = t;
            nextKill++;
          }
        }
      }
      replayed = ingest.get(5, TimeUnit.MINUTES);
      assertThat(nextKill).as("kills done").isEqualTo(firstRunKills.size());
      if (!resendKills.isEmpty()) {
        // 3. The same data again onto the running scorer, killed while it folds the re-sent
        // history; every input record must then be consumed before the tally.
        log("every application decided; replaying the same data again");
        CompletableFuture<Replay.Summary> again =
            CompletableFuture.supplyAsync(() -> replay(bootstrap, data, Replay.Mode.ALL));
        int resendKill = 0;
        while ((resendKill < resendKills.size() || !again.isDone())
            && System.nanoTime() < deadline) {
          for (ConsumerRecord<byte[], byte[]> r : decisions.poll(Duration.ofMillis(100))) {
            Decision d =
                topics.decisions().valueSerde().deserializer().deserialize(r.topic(), r.value());
            counts.merge(d.getApplicationId(), 1, Integer::sum);
            decisionsSeen++;
          }
          if (!scorer.process.isAlive()) {
            throw new AssertionError("the scorer JVM exited by itself, see " + scorer.log);
          }
          if (resendKill < resendKills.size()
              && System.nanoTime() - lastHistoryCheck > 500_000_000L) {
            lastHistoryCheck = System.nanoTime();
            KillPoint k = resendKills.get(resendKill);
            long committed = committedHistory(admin, topics.clientHistory().name());
            if (committed >= (1 + k.fraction()) * historyEvents) {
              long t = System.nanoTime();
              int exit = scorer.kill();
              String entry =
                  String.format(
                      Locale.ROOT,
                      "kill %d at %.1f s (resend:%.2f): SIGKILL pid %d with %,d of %,d re-sent"
                          + " history events committed, exit %d",
                      firstRunKills.size() + resendKill + 1,
                      (t - start) / 1e9,
                      k.fraction(),
                      scorer.process.pid(),
                      committed - historyEvents,
                      historyEvents,
                      exit);
              killLog.add(entry);
              log("%s", entry);
              assertThat(exit).as("SIGKILL exit status").isEqualTo(128 + 9);
              restarts++;
              scorer = ScorerJvm.start(scorerCommand, work, restarts + 1);
              resendKill++;
            }
          }
        }
        Replay.Summary second = again.get(5, TimeUnit.MINUTES);
        assertThat(resendKill).as("resend kills done").isEqualTo(resendKills.size());
        ReplayTwiceTest.awaitConsumed(bootstrap, APPLICATION_ID, topics, Duration.ofMinutes(20));
        log(
            "second replay (%,d events, %,d applications) consumed",
            second.events(), second.applications());
      }
      // A clean stop (SIGTERM): the open transaction commits, then read to the end of the topic so
      // that a duplicate committed after the last new id would still be counted.
      Thread.sleep(2_000);
      int stopExit = scorer.stop();
      log("scorer stopped with SIGTERM, exit %d", stopExit);
      Map<TopicPartition, Long> end = decisions.endOffsets(decisionPartitions);
      while (decisionPartitions.stream().anyMatch(p -> decisions.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : decisions.poll(Duration.ofMillis(200))) {
          Decision d =
              topics.decisions().valueSerde().deserializer().deserialize(r.topic(), r.value());
          if (counts.merge(d.getApplicationId(), 1, Integer::sum) == 1) {
            firstFeatures.put(d.getApplicationId(), toArray(d.getFeatures()));
            firstProbability.put(d.getApplicationId(), d.getProbability());
          }
          decisionsSeen++;
        }
      }
      deadLetters =
          EndToEndTest.readCommitted(
                  kafka.bootstrapServers(), topics.deadLetters(), 0, "crash-dlq-reader")
              .size();
      log("%,d decision records read", decisionsSeen);
    }
    double wall = (System.nanoTime() - start) / 1e9;

    // 3. The tally.
    long lost = expected.keySet().stream().filter(id -> !counts.containsKey(id)).count();
    long duplicated = counts.values().stream().mapToLong(c -> Math.max(0, c - 1)).sum();
    long unknown = counts.keySet().stream().filter(id -> !expected.containsKey(id)).count();
    long differing = 0;
    for (Map.Entry<String, float[]> e : firstFeatures.entrySet()) {
      Expected x = expected.get(e.getKey());
      if (x == null
          || !Arrays.equals(bits(e.getValue()), x.featureBits())
          || Double.doubleToLongBits(firstProbability.get(e.getKey())) != x.probabilityBits()) {
        differing++;
      }
    }
    String summary =
        String.format(
            Locale.ROOT,
            "crash test: %,d applications (%,d clients generated with seed %d, %,d history events"
                + " ingested), %d partitions, %d stream threads%n"
                + "  %s; %d SIGKILLs, %d restarts, then SIGTERM%n"
                + "  %s%n"
                + "  decisions: %,d distinct application ids, %,d duplicated, %,d lost, %,d unknown;"
                + " %,d dead letters; %,d decisions differing from the batch path%n"
                + "  wall time %.0f s (generate, train or load bundle, ingest, score, verify)%n",
            clients,
            clients,
            seed,
            replayed.events(),
            partitions,
            threads,
            (applicationsFirst
                    ? "applications published before their history (all wait)"
                    : "history published before the applications")
                + (resendKills.isEmpty() ? "" : ", then the same data replayed again"),
            kills.size(),
            restarts,
            String.join("\n  ", killLog),
            counts.size(),
            duplicated,
            lost,
            unknown,
            deadLetters,
            differing,
            wall);
    System.out.print(summary);
    Files.writeString(work.resolve("summary.txt"), summary, StandardCharsets.UTF_8);

    assertThat(restarts).isEqualTo(kills.size());
    assertThat(lost).as("lost").isZero();
    assertThat(duplicated).as("duplicated").isZero();
    assertThat(unknown).as("unknown ids").isZero();
    assertThat(deadLetters).as("dead letters").isZero();
    assertThat(differing).as("decisions differing from the batch path").isZero();
  }

  private static Replay.Summary replay(String bootstrap, Path data, Replay.Mode mode) {
    return Replay.run(new Replay.Options(bootstrap, data, null, mode, ""), Replay.Listener.NONE);
  }

  /** One scorer JVM, its output in {@code scorer-N.log}. */
  record ScorerJvm(Process process, Path log) {
    static ScorerJvm start(List<String> command, Path work, int n) throws IOException {
      Path log = work.resolve("scorer-" + n + ".log");
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      ScorerCrashIT.log("scorer JVM %d started, pid %d", n, p.pid());
      return new ScorerJvm(p, log);
    }

    /** SIGKILL (Process.destroyForcibly on Unix); returns the exit status. */
    int kill() throws InterruptedException {
      process.destroyForcibly();
      return process.waitFor();
    }

    /** SIGTERM, and SIGKILL after 60 s. */
    int stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      return process.waitFor();
    }
  }

  private static long committedHistory(Admin admin, String historyTopic) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get();
      return offsets.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(historyTopic) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset())
          .sum();
    } catch (Exception e) {
      return 0; // the group does not exist yet
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false),
        Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer());
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
    return consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .toList();
  }

  private static float[] toArray(List<Float> list) {
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }

  private static int[] bits(float[] features) {
    int[] out = new int[features.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Float.floatToRawIntBits(features[i]);
    }
    return out;
  }

  private static void log(String format, Object... args) {
    System.out.printf(
        "[crash-test %s] %s%n", Instant.now(), String.format(Locale.ROOT, format, args));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted((a, b) -> b.compareTo(a))
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
