package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.broker.ProjectTopics;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.ingest.replay.Replay;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import fr.pretadepenser.scoring.scorer.ScorerConfig;
import fr.pretadepenser.scoring.scorer.ScorerService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on a real broker, with every real part: a model bundle trained in the test on the
 * shipped sample ({@link SampleBundle}: 3 folds, no search, learning rate 0.1), the embedded KRaft
 * broker, the ingest replay of all 3,076 applicants with their history, the Kafka Streams scorer
 * with exactly-once, and a {@code read_committed} consumer of the decisions.
 *
 * <p>Every decision must be exactly what the batch scoring path ({@link ApplicationScorer}, as used
 * by {@code scoring score}) gives for that applicant from the batch readers: same probability (to
 * the bit), same feature vector (to the bit), same outcome and threshold, the bundle's model
 * version; and exactly one decision per application, none lost, no dead letter.
 */
class EndToEndTest {

  static final Path SAMPLE = CommandTestSupport.SAMPLE;
  static final int APPLICANTS = 3_076;

  @TempDir Path tmp;

  @Test
  void everySampleApplicantIsDecidedOnceExactlyAsTheBatchPathScoresIt() throws Exception {
    decideTheSampleOn(LocalKafkaBroker.shared().bootstrapServers(), tmp);
  }

  /** The test on any broker: the embedded one here, a container in the Testcontainers variant. */
  static void decideTheSampleOn(String bootstrap, Path tmp) throws Exception {
    long t0 = System.nanoTime();
    HomeCreditData data = HomeCreditData.load(SAMPLE, Instant.now());
    assertThat(data.size()).isEqualTo(APPLICANTS);
    Path bundleDir = SampleBundle.shared();
    long trained = System.nanoTime();

    String run = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Topics topics = Topics.withPrefix(run);
    ProjectTopics.create(bootstrap, topics, 3);
    Replay.Summary replayed =
        Replay.run(
            new Replay.Options(bootstrap, SAMPLE, null, Replay.Mode.ALL, run),
            Replay.Listener.NONE);
    assertThat(replayed.applications()).isEqualTo(APPLICANTS);
    long ingested = System.nanoTime();

    List<Decision> decisions;
    List<DeadLetter> letters;
    try (ModelBundle bundle = ModelBundle.load(bundleDir)) {
      ScorerConfig config =
          ScorerConfig.defaults(bootstrap)
              .withApplicationId(run + "scorer")
              .withStateDir(tmp.resolve("state"))
              .withThreads(2)
              // Throughput over latency here: 255k history events to fold, and every commit is
              // a transaction (flush, offsets, markers) that the stream threads wait for.
              .withCommitIntervalMs(200)
              .withTopics(topics);
      try (ScorerService scorer =
          ScorerService.start(config, ApplicationScorer.of(bundle), null, 3)) {
        decisions = readCommitted(bootstrap, topics.decisions(), APPLICANTS, run + "d");
      }
      long decided = System.nanoTime();
      letters = readCommitted(bootstrap, topics.deadLetters(), 0, run + "l");
      System.out.printf(
          "end-to-end: read and train (or reuse the JVM's bundle) %.1f s, ingest %.1f s (%,d events, %,d applications), decide %.1f s%n",
          (trained - t0) / 1e9,
          (ingested - trained) / 1e9,
          replayed.events(),
          replayed.applications(),
          (decided - ingested) / 1e9);

      assertThat(letters).as("dead letters").isEmpty();
      assertThat(decisions).hasSize(APPLICANTS);

      ApplicationScorer batch = ApplicationScorer.of(bundle);
      String version = bundle.metadata().modelVersion();
      Map<String, Applicant> byApplicationId = new HashMap<>();
      for (int i = 0; i < data.size(); i++) {
        Applicant a = data.applicant(i);
        assertThat(byApplicationId.put(a.application().getApplicationId(), a)).isNull();
      }
      Set<String> seen = new java.util.HashSet<>();
      int refused = 0;
      for (Decision d : decisions) {
        String id = d.getApplicationId();
        assertThat(seen.add(id)).as("one decision for application %s", id).isTrue();
        Applicant a = byApplicationId.get(id);
        assertThat(a).as("application %s is one of the sample's", id).isNotNull();
        assertThat(d.getSKIDCURR()).isEqualTo(a.clientId());
        ApplicationScorer.Scored expected = batch.scoreWhole(a.application(), a.history()).scored();
        assertThat(bits(d.getFeatures()))
            .as("feature vector of %s", id)
            .isEqualTo(bits(expected.features()));
        assertThat(d.getProbability())
            .as("probability of %s", id)
            .isCloseTo(expected.probability(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Double.doubleToLongBits(d.getProbability()))
            .as("probability of %s, to the bit", id)
            .isEqualTo(Double.doubleToLongBits(expected.probability()));
        assertThat(d.getDecision())
            .isEqualTo(expected.refused() ? DecisionOutcome.REFUSED : DecisionOutcome.GRANTED);
        assertThat(d.getThreshold()).isEqualTo(expected.threshold());
        assertThat(d.getModelVersion()).isEqualTo(version);
        refused += expected.refused() ? 1 : 0;
      }
      assertThat(seen).hasSize(APPLICANTS);
      // A model that refuses everyone or no one would make the comparison above weak.
      assertThat(refused).isBetween(1, APPLICANTS - 1);
    }
  }

  /**
   * Every committed record of {@code topic}: polls until {@code expected} records came, then on to
   * the end of every partition (the last stable offset under read_committed), so a duplicate after
   * the expected count would be seen too.
   */
  static <V> List<V> readCommitted(
      String bootstrap, Topic<?, V> topic, int expected, String group) {
    List<V> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        poll(consumer, topic, out);
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        poll(consumer, topic, out);
      }
    }
    return out;
  }

  private static <V> void poll(
      KafkaConsumer<byte[], byte[]> consumer, Topic<?, V> topic, List<V> out) {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
      out.add(topic.valueSerde().deserializer().deserialize(r.topic(), r.value()));
    }
  }

  private static int[] bits(List<Float> features) {
    int[] out = new int[features.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Float.floatToRawIntBits(features.get(i));
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
}
