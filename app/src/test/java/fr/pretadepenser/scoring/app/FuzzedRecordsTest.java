package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.broker.ProjectTopics;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.explain.DecisionExplainer;
import fr.pretadepenser.scoring.explainer.ExplainerConfig;
import fr.pretadepenser.scoring.explainer.ExplainerService;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.monitoring.live.MonitorService;
import fr.pretadepenser.scoring.monitoring.live.MonitorSettings;
import fr.pretadepenser.scoring.schemas.ClientHistories;
import fr.pretadepenser.scoring.schemas.FloatArrayList;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import fr.pretadepenser.scoring.scorer.ScorerConfig;
import fr.pretadepenser.scoring.scorer.ScorerService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 bad records (a seeded generator, so a failure replays exactly) across client-history,
 * loan-applications and loan-decisions, interleaved with valid applications, through the real
 * scorer, explainer and monitor on the embedded broker with a model trained on the sample.
 *
 * <p>The bad records: garbage, empty values, tombstones, valid records truncated or with trailing
 * bytes, bodies whose varints lie about a string's or an array's length (2 GiB strings, negative
 * lengths, a billion floats), values just under and over the scorer's 64 KiB and just under the 1
 * MiB message limit, keys of 0, 1, 4 and 16 bytes or none, keys that differ from the body's client
 * id, records of another type, NaN and negative amounts, and decisions of another model, of the
 * wrong width or with a NaN or negative probability.
 *
 * <p>Asserted: each bad record, by topic, partition and offset, is in the dead-letter topic once
 * with a stage and a non-empty reason (and no valid record is); each valid application is decided
 * and explained once, and no forged decision is explained; the scorer stays RUNNING throughout, the
 * explainer's and the monitor's threads alive; heap used after a GC is flat (printed).
 */
class FuzzedRecordsTest {

  static final long SEED = 20_260_515L;
  static final int BAD = 10_000;
  static final int VALID = 200;

  /** Just under a producer's default max.request.size (1,048,576 bytes, overhead included). */
  static final int NEAR_MESSAGE_LIMIT = 1_048_400;

  /** The scorer's input bound (InputDecoding.MAX_VALUE_BYTES). */
  static final int SCORER_LIMIT = 64 * 1024;

  @TempDir Path tmp;

  record Sent(String kind, Future<RecordMetadata> metadata) {}

  @Test
  void everyBadRecordIsDeadLetteredAndEveryValidApplicationDecided() throws Exception {
    long t0 = System.nanoTime();
    String bootstrap = LocalKafkaBroker.shared().bootstrapServers();
    HomeCreditData data = HomeCreditData.load(CommandTestSupport.SAMPLE, Instant.now());
    Path bundleDir = SampleBundle.shared();
    String run = "fuzz-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Topics topics = Topics.withPrefix(run);
    ProjectTopics.create(bootstrap, topics, 2);
    long trained = System.nanoTime();

    Random random = new Random(SEED);
    List<Applicant> valid = new ArrayList<>();
    for (int i = 0; valid.size() < VALID; i += 7) {
      valid.add(data.applicant(i));
    }
    Applicant template = data.applicant(1);

    try (ModelBundle bundle = ModelBundle.load(bundleDir);
        DecisionExplainer explainer = DecisionExplainer.of(bundle)) {
      ApplicationScorer scoring = ApplicationScorer.of(bundle);
      ApplicationScorer.Scored scored = scoring.score(template.application(), template.history());
      Decision decisionTemplate =
          Decision.newBuilder()
              .setApplicationId("forged-" + template.clientId())
              .setSKIDCURR(template.clientId())
              .setProbability(scored.probability())
              .setDecision(scored.refused() ? DecisionOutcome.REFUSED : DecisionOutcome.GRANTED)
              .setThreshold(scored.threshold())
              .setModelVersion(bundle.metadata().modelVersion())
              .setFeatures(new FloatArrayList(scored.features()))
              .setReceivedAt(Instant.EPOCH)
              .setDecidedAt(Instant.EPOCH)
              .build();
      Generator generator = new Generator(random, topics, template, decisionTemplate);

      ScorerConfig config =
          ScorerConfig.defaults(bootstrap)
              .withApplicationId(run + "scorer")
              .withStateDir(tmp.resolve("state"))
              .withThreads(1)
              .withCommitIntervalMs(100)
              .withTopics(topics);
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      try (ScorerService scorer = ScorerService.start(config, scoring, null, 2);
          ExplainerService explaining =
              ExplainerService.start(
                  ExplainerConfig.defaults(bootstrap)
                      .withTopics(topics)
                      .withGroupId(run + "explainer")
                      .withTransactionIdPrefix(run + "explainer-")
                      .withConcurrency(1),
                  explainer,
                  new SimpleMeterRegistry());
          MonitorService monitor =
              MonitorService.start(
                  bootstrap,
                  topics,
                  bundle,
                  MonitorSettings.DEFAULT.withInterval(Duration.ofSeconds(5)));
          KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
        long heapBefore = usedHeapAfterGc(memory);
        long started = System.nanoTime();

        // The valid clients' history first, then their applications interleaved with bad records.
        for (Applicant a : valid) {
          for (ClientHistoryEvent e : ClientHistories.events(a.history(), Instant.EPOCH)) {
            producer.send(
                new ProducerRecord<>(
                    topics.clientHistory().name(),
                    key(a.clientId()),
                    topics.clientHistory().valueSerde().serializer().serialize("", e)));
          }
        }
        // Two halves: the heap after GC once the first half is all dead-lettered (the JIT, the
        // consumers' fetch buffers and the producers' pools warmed up) against once the second is.
        // Whatever the services kept per bad record would show as growth between the two.
        Map<String, String> badByPosition = new HashMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        Set<String> validIds = new HashSet<>();
        valid.forEach(a -> validIds.add(a.application().getApplicationId()));
        Reader reader = new Reader(bootstrap, topics, run);
        List<KafkaStreams.State> badStates = new ArrayList<>();
        long heapMid = 0;
        int nextValid = 0;
        for (int half = 0; half < 2; half++) {
          List<Sent> bad = new ArrayList<>(BAD / 2);
          for (int i = half * BAD / 2; i < (half + 1) * BAD / 2; i++) {
            if (i % (BAD / VALID) == 0 && nextValid < valid.size()) {
              Applicant a = valid.get(nextValid++);
              producer.send(
                  new ProducerRecord<>(
                      topics.loanApplications().name(),
                      key(a.clientId()),
                      topics
                          .loanApplications()
                          .valueSerde()
                          .serializer()
                          .serialize("", a.application())));
            }
            Generator.Bad b = generator.next(i);
            kinds.merge(b.topic().substring(run.length()) + " " + b.kind(), 1, Integer::sum);
            bad.add(
                new Sent(
                    b.kind(), producer.send(new ProducerRecord<>(b.topic(), b.key(), b.value()))));
          }
          producer.flush();
          for (Sent x : bad) {
            RecordMetadata m = x.metadata().get();
            badByPosition.put(position(m.topic(), m.partition(), m.offset()), x.kind());
          }
          bad.clear();

          // Read until every bad record's dead letter and every valid decision so far came,
          // watching the services all along.
          Set<String> validSoFar = new HashSet<>();
          valid
              .subList(0, nextValid)
              .forEach(a -> validSoFar.add(a.application().getApplicationId()));
          int lettersDue = (half + 1) * BAD / 2;
          long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
          while (System.nanoTime() < deadline
              && (reader.pipelineLetters() < lettersDue
                  || reader.decidedValid(validSoFar) < validSoFar.size()
                  || reader.explainedValid(validSoFar) < validSoFar.size())) {
            KafkaStreams.State state = scorer.state();
            if (state != KafkaStreams.State.RUNNING) {
              badStates.add(state);
            }
            assertThat(explaining.isRunning()).as("explainer running").isTrue();
            assertThat(monitor.isRunning()).as("monitor running").isTrue();
            reader.poll();
          }
          if (half == 0) {
            heapMid = usedHeapAfterGc(memory);
          }
        }
        assertThat(badByPosition).hasSize(BAD);
        // Its buffer pool (up to buffer.memory) would count as heap the services hold.
        producer.close();
        reader.drain(Duration.ofSeconds(3));
        long done = System.nanoTime();
        assertThat(scorer.state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(badStates).as("scorer states other than RUNNING while fuzzed").isEmpty();
        assertThat(explaining.isRunning()).isTrue();
        assertThat(monitor.isRunning()).isTrue();

        // Every bad record dead-lettered once by the service that reads it first, with a reason.
        Map<String, Integer> byStage = new TreeMap<>();
        Map<String, Reader.Letter> pipeline = new HashMap<>();
        int monitorLetters = 0;
        for (Reader.Letter d : reader.letters) {
          assertThat(d.stage()).as("stage").matches("[a-z]+/[a-z-]+");
          assertThat(d.reason()).as("reason of %s", d.stage()).isNotBlank();
          byStage.merge(d.stage(), 1, Integer::sum);
          if (d.stage().startsWith("monitor/")) {
            monitorLetters++;
            continue;
          }
          assertThat(pipeline.put(d.position(), d))
              .as("one dead letter for %s", d.position())
              .isNull();
          assertThat(badByPosition)
              .as("a dead letter for a record that was bad")
              .containsKey(d.position());
          if (d.truncated()) {
            assertThat(d.valueSize()).isGreaterThan(d.kept());
          }
        }
        assertThat(pipeline.keySet()).containsExactlyInAnyOrderElementsOf(badByPosition.keySet());

        // Every valid application decided and explained once; nothing forged explained.
        assertThat(reader.decisionIds).filteredOn(validIds::contains).hasSize(VALID);
        assertThat(new HashSet<>(reader.decisionIds)).containsAll(validIds);
        assertThat(reader.explainedIds).hasSize(VALID);
        assertThat(new HashSet<>(reader.explainedIds)).isEqualTo(validIds);

        long heapAfter = usedHeapAfterGc(memory);
        System.out.printf(
            "fuzz: %,d bad records + %d valid applications; train or reuse the bundle %.1f s,"
                + " all sent, dead-lettered and decided in %.1f s (two halves); %,d"
                + " dead letters from scorer and explainer, %,d from the monitor; heap used after"
                + " GC %,d KiB at the start, %,d KiB after the first half, %,d KiB after the"
                + " second (%+,d KiB)%n  kinds: %s%n  stages: %s%n",
            BAD,
            VALID,
            (trained - t0) / 1e9,
            (done - started) / 1e9,
            pipeline.size(),
            monitorLetters,
            heapBefore >> 10,
            heapMid >> 10,
            heapAfter >> 10,
            (heapAfter - heapMid) >> 10,
            kinds,
            byStage);
        // Flat: the second half's 5,000 bad records are ~25 MB; between the two measurements
        // this test itself adds their positions and dead letters' stages and reasons (a few MB).
        // Measured from the start instead, the growth (65-73 MB) was the warm-up: the JIT, the
        // consumers' fetch buffers and producers' pools, the 200 valid clients' state.
        assertThat(heapAfter - heapMid)
            .as("heap growth after GC, second half")
            .isLessThan(16L << 20);
      }
    }
  }

  static String position(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }

  static byte[] key(long clientId) {
    return ByteBuffer.allocate(Long.BYTES).putLong(clientId).array();
  }

  static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.BUFFER_MEMORY_CONFIG,
            64L << 20),
        Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer());
  }

  /** The bad records, from one seeded Random. */
  static final class Generator {

    record Bad(String kind, String topic, byte[] key, byte[] value) {}

    private final Random random;
    private final Topics topics;
    private final Applicant applicant;
    private final Decision decision;
    private final byte[] application;
    private final byte[] event;
    private final byte[] decisionBytes;

    Generator(Random random, Topics topics, Applicant applicant, Decision decision) {
      this.random = random;
      this.topics = topics;
      this.applicant = applicant;
      this.decision = decision;
      this.application =
          topics
              .loanApplications()
              .valueSerde()
              .serializer()
              .serialize("", applicant.application());
      this.event =
          topics
              .clientHistory()
              .valueSerde()
              .serializer()
              .serialize("", ClientHistories.events(applicant.history(), Instant.EPOCH).get(0));
      this.decisionBytes = topics.decisions().valueSerde().serializer().serialize("", decision);
    }

    Bad next(int i) {
      // Round robin over the three topics; the kind drawn at random for that topic.
      return switch (i % 3) {
        case 0 -> history();
        case 1 -> application();
        default -> decision();
      };
    }

    private Bad history() {
      String t = topics.clientHistory().name();
      long id = applicant.clientId();
      return switch (random.nextInt(13)) {
        case 0 -> new Bad("garbage", t, key(id), garbage());
        case 1 -> new Bad("empty", t, key(id), new byte[0]);
        case 2 -> new Bad("tombstone", t, key(id), null);
        case 3 -> new Bad("truncated", t, key(id), truncated(event));
        case 4 -> new Bad("trailing bytes", t, key(id), trailing(event));
        case 5 ->
            new Bad(
                "length lie",
                t,
                key(id),
                withBody(
                    event,
                    concat(
                        varint(id),
                        varint(0),
                        varint(1),
                        varint(7),
                        varint(1),
                        varint(Integer.MAX_VALUE - 15))));
        case 6 -> new Bad("key size", t, badKey(), event);
        case 7 -> new Bad("key differs from body", t, key(id + 1 + random.nextInt(1000)), event);
        case 8 -> new Bad("other type", t, key(id), application);
        case 9 ->
            new Bad(
                "over 64 KiB",
                t,
                key(id),
                oversized(event, SCORER_LIMIT + 1 + random.nextInt(4096)));
        case 10 ->
            new Bad(
                "negative length",
                t,
                key(id),
                withBody(
                    event,
                    concat(varint(id), varint(0), varint(1), varint(7), varint(1), varint(-5))));
        case 11 -> rare("near 1 MiB", t, key(id), event);
        default -> new Bad("unknown fingerprint", t, key(id), unknownFingerprint(event));
      };
    }

    private Bad application() {
      String t = topics.loanApplications().name();
      long id = applicant.clientId();
      return switch (random.nextInt(16)) {
        case 0 -> new Bad("garbage", t, key(id), garbage());
        case 1 -> new Bad("empty", t, key(id), new byte[0]);
        case 2 -> new Bad("tombstone", t, key(id), null);
        case 3 -> new Bad("truncated", t, key(id), truncated(application));
        case 4 -> new Bad("trailing bytes", t, key(id), trailing(application));
        case 5 ->
            new Bad(
                "length lie",
                t,
                key(id),
                withBody(application, varint(Integer.MAX_VALUE - 15 - random.nextInt(1 << 20))));
        case 6 -> new Bad("key size", t, badKey(), application);
        case 7 ->
            new Bad("key differs from body", t, key(id + 1 + random.nextInt(1000)), application);
        case 8 -> new Bad("other type", t, key(id), decisionBytes);
        case 9 -> new Bad("NaN amount", t, key(id), app(a -> a.setAMTCREDIT(Double.NaN)));
        case 10 ->
            new Bad(
                "negative amount",
                t,
                key(id),
                app(a -> a.setAMTINCOMETOTAL(-1 - random.nextInt(100_000))));
        case 11 ->
            new Bad(
                "infinite annuity",
                t,
                key(id),
                app(a -> a.setAMTANNUITY(Double.NEGATIVE_INFINITY)));
        case 12 -> new Bad("blank id", t, key(id), app(a -> a.setApplicationId(" ")));
        case 13 ->
            new Bad(
                "over 64 KiB",
                t,
                key(id),
                app(a -> a.setApplicationId("x".repeat(SCORER_LIMIT + random.nextInt(4096)))));
        case 14 -> rare("near 1 MiB", t, key(id), application);
        default ->
            new Bad(
                "negative length",
                t,
                key(id),
                withBody(application, varint(-1 - random.nextInt(1000))));
      };
    }

    private Bad decision() {
      String t = topics.decisions().name();
      long id = decision.getSKIDCURR();
      return switch (random.nextInt(15)) {
        case 0 -> new Bad("garbage", t, key(id), garbage());
        case 1 -> new Bad("empty", t, key(id), new byte[0]);
        case 2 -> new Bad("tombstone", t, key(id), null);
        case 3 -> new Bad("truncated", t, key(id), truncated(decisionBytes));
        case 4 -> new Bad("trailing bytes", t, key(id), trailing(decisionBytes));
        case 5 ->
            new Bad(
                "length lie (string)",
                t,
                key(id),
                withBody(decisionBytes, varint(Integer.MAX_VALUE - 15)));
        case 6 ->
            new Bad(
                "length lie (array)",
                t,
                key(id),
                withBody(
                    decisionBytes,
                    concat(
                        varint(1),
                        new byte[] {'a'},
                        varint(id),
                        new byte[8],
                        varint(0),
                        new byte[8],
                        varint(0),
                        varint(1_000_000_000L + random.nextInt(1000)))));
        case 7 -> new Bad("key size", t, badKey(), decisionBytes);
        case 8 ->
            new Bad("key differs from body", t, key(id + 1 + random.nextInt(1000)), decisionBytes);
        case 9 -> new Bad("NaN probability", t, key(id), dec(d -> d.setProbability(Double.NaN)));
        case 10 ->
            new Bad(
                "negative probability",
                t,
                key(id),
                dec(d -> d.setProbability(-random.nextDouble())));
        case 11 ->
            new Bad(
                "other model",
                t,
                key(id),
                dec(d -> d.setModelVersion("other-" + random.nextInt(9))));
        case 12 ->
            new Bad(
                "wrong width",
                t,
                key(id),
                dec(
                    d ->
                        d.setFeatures(
                            new FloatArrayList(
                                Arrays.copyOf(
                                    scoredFeatures(), random.nextInt(scoredFeatures().length))))));
        case 13 -> rare("near 1 MiB", t, key(id), decisionBytes);
        default -> new Bad("other type", t, key(id), application);
      };
    }

    /** One in 50 of the draws that land here: ~20 MB of near-limit records in all. */
    private Bad rare(String kind, String topic, byte[] key, byte[] template) {
      if (random.nextInt(50) != 0) {
        return new Bad("garbage", topic, key, garbage());
      }
      return new Bad(
          kind, topic, key, oversized(template, NEAR_MESSAGE_LIMIT - random.nextInt(64)));
    }

    private float[] scoredFeatures() {
      List<Float> f = decision.getFeatures();
      float[] out = new float[f.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = f.get(i);
      }
      return out;
    }

    private byte[] app(java.util.function.Consumer<LoanApplication> change) {
      LoanApplication a = LoanApplication.newBuilder(applicant.application()).build();
      change.accept(a);
      return topics.loanApplications().valueSerde().serializer().serialize("", a);
    }

    private byte[] dec(java.util.function.Consumer<Decision> change) {
      Decision d = Decision.newBuilder(decision).build();
      change.accept(d);
      return topics.decisions().valueSerde().serializer().serialize("", d);
    }

    private byte[] garbage() {
      byte[] b = new byte[1 + random.nextInt(300)];
      random.nextBytes(b);
      return b;
    }

    private byte[] truncated(byte[] valid) {
      return Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1));
    }

    private byte[] trailing(byte[] valid) {
      byte[] extra = new byte[1 + random.nextInt(16)];
      random.nextBytes(extra);
      return concat(valid, extra);
    }

    /** The valid record's header, its body replaced. */
    private static byte[] withBody(byte[] valid, byte[] body) {
      return concat(Arrays.copyOf(valid, 10), body);
    }

    private byte[] unknownFingerprint(byte[] valid) {
      byte[] b = valid.clone();
      b[2 + random.nextInt(8)] ^= (byte) (1 + random.nextInt(255));
      return b;
    }

    /** The valid record's header and body, then random bytes up to {@code size}. */
    private byte[] oversized(byte[] valid, int size) {
      byte[] b = Arrays.copyOf(valid, size);
      byte[] tail = new byte[size - valid.length];
      random.nextBytes(tail);
      System.arraycopy(tail, 0, b, valid.length, tail.length);
      return b;
    }

    private byte[] badKey() {
      return switch (random.nextInt(5)) {
        case 0 -> null;
        case 1 -> new byte[0];
        case 2 -> new byte[] {7};
        case 3 -> new byte[] {0, 0, 0, 7};
        default -> new byte[16];
      };
    }

    static byte[] concat(byte[]... parts) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] p : parts) {
        out.writeBytes(p);
      }
      return out.toByteArray();
    }

    /** Avro's zig-zag varint. */
    static byte[] varint(long value) {
      long n = (value << 1) ^ (value >> 63);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while ((n & ~0x7FL) != 0) {
        out.write((int) ((n & 0x7F) | 0x80));
        n >>>= 7;
      }
      out.write((int) n);
      return out.toByteArray();
    }
  }

  /** Reads dead letters, decisions and explained decisions as they are committed. */
  static final class Reader {
    /** Each dead letter without its key and value: the test must not hold ~20 MB of them. */
    record Letter(
        String stage,
        String reason,
        String position,
        boolean truncated,
        long valueSize,
        int kept) {}

    final List<Letter> letters = new ArrayList<>();
    final List<String> decisionIds = new ArrayList<>();
    final List<String> explainedIds = new ArrayList<>();
    private final Topics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;

    Reader(String bootstrap, Topics topics, String run) {
      this.topics = topics;
      this.consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                  "read_committed",
                  ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                  4 << 20),
              Serdes.ByteArray().deserializer(),
              Serdes.ByteArray().deserializer());
      List<TopicPartition> partitions = new ArrayList<>();
      for (Topic<?, ?> t :
          List.of(topics.deadLetters(), topics.decisions(), topics.explainedDecisions())) {
        consumer
            .partitionsFor(t.name())
            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    void poll() {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        if (r.topic().equals(topics.deadLetters().name())) {
          DeadLetter d =
              topics.deadLetters().valueSerde().deserializer().deserialize("", r.value());
          letters.add(
              new Letter(
                  d.getStage(),
                  d.getReason(),
                  position(d.getSourceTopic(), d.getSourcePartition(), d.getSourceOffset()),
                  d.getTruncated(),
                  d.getValueSize(),
                  d.getValue() == null ? 0 : d.getValue().remaining()));
        } else if (r.topic().equals(topics.explainedDecisions().name())) {
          ExplainedDecision e =
              topics.explainedDecisions().valueSerde().deserializer().deserialize("", r.value());
          explainedIds.add(e.getDecision().getApplicationId());
        } else {
          // The decisions topic holds the fuzzed ones too: only what decodes is a decision.
          try {
            Decision d = topics.decisions().valueSerde().deserializer().deserialize("", r.value());
            if (d != null) {
              decisionIds.add(d.getApplicationId());
            }
          } catch (RuntimeException e) {
            // a fuzzed record
          }
        }
      }
    }

    void drain(Duration quiet) {
      long until = System.nanoTime() + quiet.toNanos();
      while (System.nanoTime() < until) {
        poll();
      }
      consumer.close();
    }

    long pipelineLetters() {
      return letters.stream().filter(d -> !d.stage().startsWith("monitor/")).count();
    }

    long decidedValid(Set<String> ids) {
      return decisionIds.stream().filter(ids::contains).count();
    }

    long explainedValid(Set<String> ids) {
      return explainedIds.stream().filter(ids::contains).count();
    }
  }
}
