package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.broker.BrokerProcess;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.ingest.replay.Replay;
import fr.pretadepenser.scoring.schemas.Topics;
import java.io.IOException;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * Recovery time of two scorers sharing the partitions when one is killed with SIGKILL: a broker in
 * a child JVM, two {@code java -jar target/scoring.jar scorer --instance-id scorer-N} JVMs,
 * generated clients' history replayed, then their applications at a steady rate while the scorers
 * are killed in turn. For each kill, the victim's partitions are read from the group's assignment
 * just before it, and its recovery time is the time from the kill to the first decision decided
 * after the kill (its {@code decided_at}) that a read_committed reader sees on each of them; the
 * largest over its partitions counts. The killed JVM is restarted at once, as a supervisor would
 * ({@code recovery.restart=at-once}), or only once decisions resumed without it ({@code after}). At
 * the end every application must have exactly one decision.
 *
 * <p>Not in the default build (minutes, and it needs the runnable jar): {@code mvn -B -pl app -am
 * verify -Pcrash-test -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ScorerRecoveryIT}. System properties: {@code recovery.clients} (3000), {@code
 * recovery.seed} (11), {@code recovery.rate} (applications/s, 20), {@code recovery.kills} (4),
 * {@code recovery.gap} (seconds between a recovery and the next kill, 20), {@code recovery.restart}
 * (at-once), {@code recovery.partitions} (4), {@code recovery.jar} (another runnable jar, e.g. an
 * older build for a baseline), {@code recovery.args} (extra scorer options, space-separated, e.g.
 * {@code --standby-replicas 0}), {@code recovery.instanceIds} (true: pass {@code --instance-id}),
 * {@code recovery.bundle}, {@code recovery.dir} (target/recovery-test). Figures go to stdout and
 * {@code recovery.dir}/summary.txt.
 */
class ScorerRecoveryIT {

  static final String APPLICATION_ID = "recovery-scorer";

  /** One decision seen: when it was decided, and when the reader saw it. */
  record Seen(String applicationId, int partition, long decidedAtMs, long seenAtMs) {}

  @Test
  void decisionsResumeOnADeadScorersPartitionsWithinSeconds() throws Exception {
    int clients = Integer.getInteger("recovery.clients", 3000);
    long seed = Long.getLong("recovery.seed", 11);
    double rate = Double.parseDouble(System.getProperty("recovery.rate", "20"));
    int kills = Integer.getInteger("recovery.kills", 4);
    int gap = Integer.getInteger("recovery.gap", 20);
    boolean restartAtOnce =
        switch (System.getProperty("recovery.restart", "at-once")) {
          case "at-once" -> true;
          case "after" -> false;
          default ->
              throw new IllegalArgumentException(
                  "recovery.restart: at-once or after, not "
                      + System.getProperty("recovery.restart"));
        };
    int partitions = Integer.getInteger("recovery.partitions", 4);
    boolean instanceIds = Boolean.parseBoolean(System.getProperty("recovery.instanceIds", "true"));
    String extra = System.getProperty("recovery.args", "").trim();
    Path jar = Path.of(System.getProperty("recovery.jar", "target/scoring.jar")).toAbsolutePath();
    Path work =
        Path.of(System.getProperty("recovery.dir", "target/recovery-test")).toAbsolutePath();
    assertThat(jar).as("the runnable jar").isRegularFile();
    deleteRecursively(work);
    Files.createDirectories(work);

    Path bundle =
        System.getProperty("recovery.bundle") != null
            ? Path.of(System.getProperty("recovery.bundle")).toAbsolutePath()
            : SampleBundle.shared();
    Path data =
        CommandTestSupport.generated(
            CommandTestSupport.SAMPLE, clients, seed, work.resolve("data"));
    Topics topics = Topics.standard();
    List<String> killLog = new ArrayList<>();
    List<Double> recoveries = new ArrayList<>();
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    List<Seen> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean reading = new AtomicBoolean(true);

    Scorer[] scorers = null;
    try (BrokerProcess kafka = BrokerProcess.start(0, work.resolve("kafka"), topics, partitions);
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      String bootstrap = kafka.bootstrapServers();
      scorers = new Scorer[2];
      for (int i = 0; i < 2; i++) {
        scorers[i] =
            new Scorer(
                "scorer-" + (i + 1),
                command(
                    jar,
                    bundle,
                    bootstrap,
                    work,
                    "scorer-" + (i + 1),
                    partitions,
                    instanceIds,
                    extra),
                work);
        scorers[i].start();
      }
      Thread reader =
          new Thread(() -> read(bootstrap, topics, reading, counts, seen), "decision-reader");
      reader.start();

      long t0 = System.nanoTime();
      Replay.Summary history =
          Replay.run(
              new Replay.Options(bootstrap, data, null, Replay.Mode.HISTORY_ONLY, ""),
              Replay.Listener.NONE);
      ReplayTwiceTest.awaitConsumed(bootstrap, APPLICATION_ID, topics, Duration.ofMinutes(20));
      log(
          "%,d history events of %,d clients published and folded in %.0f s",
          history.events(), history.clients(), (System.nanoTime() - t0) / 1e9);
      CompletableFuture<Replay.Summary> applications =
          CompletableFuture.supplyAsync(
              () ->
                  Replay.run(
                      new Replay.Options(bootstrap, data, rate, Replay.Mode.APPLICATIONS_ONLY, ""),
                      Replay.Listener.NONE));

      // Warm: decisions on every partition.
      awaitDecisionsOnAll(seen, partitions, System.currentTimeMillis(), Duration.ofMinutes(5));
      Thread.sleep(gap * 1000L);

      for (int k = 0; k < kills; k++) {
        if (applications.isDone()) {
          throw new AssertionError(
              "every application was sent before kill "
                  + (k + 1)
                  + ": nothing left to decide; raise recovery.clients or lower recovery.rate");
        }
        Scorer victim = scorers[k % 2];
        Set<Integer> held = activePartitions(admin, victim, instanceIds, topics);
        if (held.isEmpty()) {
          victim = scorers[(k + 1) % 2];
          held = activePartitions(admin, victim, instanceIds, topics);
        }
        long killedAt = System.currentTimeMillis();
        int exit = victim.kill();
        assertThat(exit).as("SIGKILL exit status").isEqualTo(128 + 9);
        if (restartAtOnce) {
          victim.start();
        }
        Map<Integer, Long> resumed =
            awaitDecisionsOnAll(seen, held, killedAt, Duration.ofMinutes(3));
        double worst =
            resumed.values().stream().mapToLong(v -> v - killedAt).max().orElse(-1) / 1000.0;
        String entry =
            String.format(
                Locale.ROOT,
                "kill %d: SIGKILL %s holding partitions %s; decisions resumed on them after %s s",
                k + 1,
                victim.name,
                held,
                resumed.entrySet().stream()
                    .map(
                        e ->
                            e.getKey()
                                + ": "
                                + String.format(
                                    Locale.ROOT, "%.1f", (e.getValue() - killedAt) / 1e3))
                    .collect(Collectors.joining(", ")));
        log("%s", entry);
        killLog.add(entry);
        recoveries.add(worst);
        if (!restartAtOnce) {
          victim.start();
        }
        Thread.sleep(gap * 1000L);
      }
      Replay.Summary sent = applications.get(30, TimeUnit.MINUTES);
      ReplayTwiceTest.awaitConsumed(bootstrap, APPLICATION_ID, topics, Duration.ofMinutes(10));
      for (Scorer s : scorers) {
        log("%s stopped with SIGTERM, exit %d", s.name, s.stop());
      }
      Thread.sleep(3_000);
      reading.set(false);
      reader.join(30_000);

      long lost = sent.applications() - counts.size();
      long duplicated = counts.values().stream().mapToLong(c -> Math.max(0, c - 1)).sum();
      double[] sorted = recoveries.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      String summary =
          String.format(
              Locale.ROOT,
              "scorer recovery: %,d clients (seed %d), %,d history events, %,d applications at"
                  + " %.0f/s, %d partitions, 2 scorer JVMs (%s%s), killed SIGKILL %d times,"
                  + " restarted %s%n  %s%n  recovery (kill -> first decision after it on each"
                  + " of the victim's partitions, the slowest): p50 %.1f s, max %.1f s%n"
                  + "  decisions: %,d applications decided, %,d lost, %,d duplicated%n",
              clients,
              seed,
              history.events(),
              sent.applications(),
              rate,
              partitions,
              instanceIds ? "--instance-id scorer-N" : "no instance id",
              extra.isEmpty() ? "" : " " + extra,
              kills,
              restartAtOnce ? "at once" : "once decisions resumed without it",
              String.join("\n  ", killLog),
              sorted.length == 0 ? -1 : sorted[(sorted.length - 1) / 2],
              sorted.length == 0 ? -1 : sorted[sorted.length - 1],
              counts.size(),
              lost,
              duplicated);
      System.out.print(summary);
      Files.writeString(work.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
      assertThat(lost).as("lost").isZero();
      assertThat(duplicated).as("duplicated").isZero();
      assertThat(recoveries).as("every kill recovered").allMatch(r -> r >= 0);
    } finally {
      // A failed run must not leave scorer JVMs behind.
      for (Scorer s : scorers == null ? new Scorer[0] : scorers) {
        if (s != null && s.process != null && s.process.isAlive()) {
          s.process.destroyForcibly();
        }
      }
    }
  }

  private static List<String> command(
      Path jar,
      Path bundle,
      String bootstrap,
      Path work,
      String name,
      int partitions,
      boolean instanceIds,
      String extra) {
    List<String> c =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                // Timestamps, to tell where a recovery spends its time.
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-jar",
                jar.toString(),
                "scorer",
                "--bootstrap",
                bootstrap,
                "--model",
                bundle.toString(),
                "--application-id",
                APPLICATION_ID,
                "--threads",
                "1",
                "--http-port",
                "0",
                "--partitions",
                String.valueOf(partitions),
                "--history-wait-seconds",
                "600"));
    if (instanceIds) {
      c.addAll(List.of("--instance-id", name, "--state-dir", work.resolve("state").toString()));
    } else {
      c.addAll(List.of("--state-dir", work.resolve("state-" + name).toString()));
    }
    if (!extra.isEmpty()) {
      c.addAll(Arrays.asList(extra.split("\\s+")));
    }
    return c;
  }

  /** The loan-applications partitions the victim's consumers hold as active tasks now. */
  private static Set<Integer> activePartitions(
      Admin admin, Scorer victim, boolean instanceIds, Topics topics) throws Exception {
    String name = victim.name;
    // Without an instance id, the member's client id carries Kafka Streams' process id, kept in
    // the instance's state folder.
    String processId =
        instanceIds
            ? null
            : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                    victim
                        .work
                        .resolve("state-" + name)
                        .resolve(APPLICATION_ID)
                        .resolve("kafka-streams-process-metadata")
                        .toFile())
                .path("processId")
                .asText();
    ConsumerGroupDescription group =
        admin.describeConsumerGroups(List.of(APPLICATION_ID)).all().get().get(APPLICATION_ID);
    Set<Integer> held = new TreeSet<>();
    for (MemberDescription m : group.members()) {
      boolean mine =
          instanceIds
              ? m.groupInstanceId().map(id -> id.startsWith(name + "-")).orElse(false)
              : m.clientId().contains(processId);
      if (mine) {
        m.assignment().topicPartitions().stream()
            .filter(tp -> tp.topic().equals(topics.loanApplications().name()))
            .forEach(tp -> held.add(tp.partition()));
      }
    }
    return held;
  }

  /**
   * Waits until a decision decided after {@code afterMs} has been seen on each partition; returns
   * when each was first seen.
   */
  private static Map<Integer, Long> awaitDecisionsOnAll(
      List<Seen> seen, Set<Integer> partitions, long afterMs, Duration limit)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + limit.toMillis();
    Map<Integer, Long> first = new HashMap<>();
    while (first.size() < partitions.size() && System.currentTimeMillis() < deadline) {
      synchronized (seen) {
        for (Seen s : seen) {
          if (s.decidedAtMs() > afterMs && partitions.contains(s.partition())) {
            first.merge(s.partition(), s.seenAtMs(), Math::min);
          }
        }
      }
      Thread.sleep(100);
    }
    if (first.size() < partitions.size()) {
      throw new AssertionError(
          "no decision within "
              + limit
              + " on partitions "
              + partitions
              + " (seen: "
              + first
              + ")");
    }
    return first;
  }

  private static Map<Integer, Long> awaitDecisionsOnAll(
      List<Seen> seen, int partitions, long afterMs, Duration limit) throws InterruptedException {
    Set<Integer> all = new TreeSet<>();
    for (int p = 0; p < partitions; p++) {
      all.add(p);
    }
    return awaitDecisionsOnAll(seen, all, afterMs, limit);
  }

  private static void read(
      String bootstrap,
      Topics topics,
      AtomicBoolean reading,
      Map<String, Integer> counts,
      List<Seen> seen) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
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
            Serdes.ByteArray().deserializer())) {
      List<TopicPartition> all =
          consumer.partitionsFor(topics.decisions().name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(all);
      consumer.seekToBeginning(all);
      while (reading.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          long now = System.currentTimeMillis();
          Decision d =
              topics.decisions().valueSerde().deserializer().deserialize(r.topic(), r.value());
          counts.merge(d.getApplicationId(), 1, Integer::sum);
          seen.add(
              new Seen(d.getApplicationId(), r.partition(), d.getDecidedAt().toEpochMilli(), now));
        }
      }
    }
  }

  /** One scorer JVM by name, restarted on the same state; its output in {@code name-N.log}. */
  static final class Scorer {
    final String name;
    final List<String> command;
    final Path work;
    Process process;
    int starts;

    Scorer(String name, List<String> command, Path work) {
      this.name = name;
      this.command = command;
      this.work = work;
    }

    void start() throws IOException {
      starts++;
      Path log = work.resolve(name + "-" + starts + ".log");
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      ScorerRecoveryIT.log("%s JVM started (run %d), pid %d", name, starts, process.pid());
    }

    int kill() throws InterruptedException {
      process.destroyForcibly();
      return process.waitFor();
    }

    int stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      return process.waitFor();
    }
  }

  static void log(String format, Object... args) {
    System.out.printf(
        "[recovery-test %s] %s%n", Instant.now(), String.format(Locale.ROOT, format, args));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
