package fr.pretadepenser.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.schemas.BoundedDeadLetters;
import fr.pretadepenser.scoring.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that stopped the scorer before dead letters were bounded and every failure on a record
 * became one, each replayed on the real broker against the whole {@link ScorerService}:
 *
 * <ul>
 *   <li>a ~1 MiB record on either input: its dead letter wrapped it past the 1 MiB message limit,
 *       the producer refused it and the stream thread died (state ERROR); a restarted scorer met
 *       the same record again;
 *   <li>a waiting application restored from the pending store's changelog that no longer decodes:
 *       {@code decodeStored} threw outside the rejection handler, in the punctuator, killing the
 *       thread at every start.
 * </ul>
 */
class RecordsThatStoppedTheScorerTest {

  /**
   * Just under what a producer sends by default (max.request.size 1,048,576 bytes, record overhead
   * included): the record goes through, a dead letter wrapping it whole would not.
   */
  static final int NEAR_LIMIT = 1_048_400;

  @TempDir(factory = ShmTempDirs.class)
  Path stateDir;

  final String bootstrap = LocalKafkaBroker.shared().bootstrapServers();
  final String run = "stop-" + UUID.randomUUID().toString().substring(0, 8) + ".";
  final Topics topics = Topics.withPrefix(run);

  @Test
  void recordsJustUnderTheMessageLimitAreDeadLetteredTruncatedAndTheStreamGoesOn()
      throws Exception {
    Applicant good = SampleData.applicants(1, a -> SampleData.eventCount(a.history()) > 0).get(0);
    byte[] big = new byte[NEAR_LIMIT];
    new Random(15).nextBytes(big);
    try (ScorerService scorer = ScorerService.start(config(), model(), null, 1);
        KafkaProducer<byte[], byte[]> producer = producer()) {
      RecordMetadata application =
          producer
              .send(new ProducerRecord<>(topics.loanApplications().name(), key(good), big))
              .get();
      RecordMetadata history =
          producer.send(new ProducerRecord<>(topics.clientHistory().name(), key(good), big)).get();
      for (var e : SampleData.events(good.history())) {
        producer.send(
            new ProducerRecord<>(
                topics.clientHistory().name(),
                key(good),
                topics.clientHistory().valueSerde().serializer().serialize("", e)));
      }
      producer.send(
          new ProducerRecord<>(
              topics.loanApplications().name(),
              key(good),
              topics
                  .loanApplications()
                  .valueSerde()
                  .serializer()
                  .serialize("", good.application())));
      producer.flush();

      List<DeadLetter> letters = new ArrayList<>();
      List<Decision> decisions = new ArrayList<>();
      read(letters, 2, decisions, 1, scorer);

      assertThat(scorer.state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(decisions).hasSize(1);
      assertThat(decisions.get(0).getSKIDCURR()).isEqualTo(good.clientId());
      assertThat(letters).hasSize(2);
      for (DeadLetter d : letters) {
        assertThat(d.getStage()).isEqualTo("scorer/decode");
        assertThat(d.getReason()).contains(NEAR_LIMIT + " bytes");
        assertThat(d.getTruncated()).isTrue();
        assertThat(d.getValueSize()).isEqualTo(NEAR_LIMIT);
        assertThat(d.getValueSha256()).isEqualTo(BoundedDeadLetters.sha256(big));
        assertThat(d.getValue().remaining())
            .isEqualTo(BoundedDeadLetters.Limits.DEFAULT.maxValueBytes());
        assertThat(d.getKey().array()).isEqualTo(key(good));
      }
      assertThat(letters)
          .extracting(DeadLetter::getSourceTopic, DeadLetter::getSourceOffset)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(application.topic(), application.offset()),
              org.assertj.core.groups.Tuple.tuple(history.topic(), history.offset()));
    }
  }

  @Test
  void aRestoredWaitingApplicationThatNoLongerDecodesIsDeadLettered() throws Exception {
    // The scorer's topics, and the pending store's changelog as Kafka Streams names it, holding a
    // waiting application whose bytes do not decode (as a corrupt or foreign changelog would).
    String changelog = run + "scorer-" + ScorerTopology.PENDING_STORE + "-changelog";
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topics.clientHistory().name(), 1, (short) 1),
                  new NewTopic(topics.loanApplications().name(), 1, (short) 1),
                  new NewTopic(changelog, 1, (short) 1)
                      .configs(Map.of("cleanup.policy", "compact"))))
          .all()
          .get();
    }
    long clientId = 100_002L;
    byte[] garbage = {(byte) 0xC3, 0x01, 1, 2, 3};
    PendingApplications.Waiting waiting =
        new PendingApplications.Waiting(
            clientId, 7L, 0L, 5, Announcement.NONE, garbage, new Header[0], 0L);
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      producer
          .send(
              new ProducerRecord<>(
                  changelog,
                  0,
                  HistoryKeys.key(clientId, 7L).get(),
                  PendingApplications.encode(waiting)))
          .get();
    }

    try (ScorerService scorer =
        ScorerService.start(config().withHistoryWaitMs(500), model(), null, 1)) {
      List<DeadLetter> letters = new ArrayList<>();
      read(letters, 1, new ArrayList<>(), 0, scorer);
      assertThat(scorer.state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(letters).hasSize(1);
      DeadLetter d = letters.get(0);
      assertThat(d.getStage()).isEqualTo("scorer/decode");
      assertThat(d.getReason()).contains("a waiting application");
      assertThat(d.getSourceTopic()).isEqualTo(topics.loanApplications().name());
      assertThat(d.getSourceOffset()).isEqualTo(7L);
      assertThat(d.getValue().array()).isEqualTo(garbage);
    }
  }

  ScorerConfig config() {
    return ScorerConfig.defaults(bootstrap)
        .withApplicationId(run + "scorer")
        .withStateDir(stateDir)
        .withThreads(1)
        .withTopics(topics);
  }

  static fr.pretadepenser.scoring.model.ApplicationScorer model() {
    return ShareOfKnownFeatures.scorer(SampleData.definition(), 0.75);
  }

  static byte[] key(Applicant a) {
    return ScorerHarness.key(a.clientId());
  }

  KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
        Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer());
  }

  /**
   * Reads committed dead letters and decisions until the expected counts came, the scorer left
   * RUNNING (it then never will come back: fail at once), or 60 s passed.
   */
  void read(
      List<DeadLetter> letters,
      int expectedLetters,
      List<Decision> decisions,
      int expectedDecisions,
      ScorerService scorer) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                run + "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer())) {
      consumer.subscribe(List.of(topics.decisions().name(), topics.deadLetters().name()));
      long deadline = System.currentTimeMillis() + 60_000;
      while ((letters.size() < expectedLetters || decisions.size() < expectedDecisions)
          && System.currentTimeMillis() < deadline) {
        KafkaStreams.State state = scorer.state();
        assertThat(state)
            .as("the scorer's state while its dead letters are awaited")
            .isIn(
                KafkaStreams.State.CREATED,
                KafkaStreams.State.REBALANCING,
                KafkaStreams.State.RUNNING);
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.topic().equals(topics.decisions().name())) {
            decisions.add(
                topics.decisions().valueSerde().deserializer().deserialize(r.topic(), r.value()));
          } else {
            letters.add(
                topics.deadLetters().valueSerde().deserializer().deserialize(r.topic(), r.value()));
          }
        }
      }
      // Anything more would come within a second or two.
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(2))) {
        if (r.topic().equals(topics.deadLetters().name())) {
          letters.add(
              topics.deadLetters().valueSerde().deserializer().deserialize(r.topic(), r.value()));
        } else {
          decisions.add(
              topics.decisions().valueSerde().deserializer().deserialize(r.topic(), r.value()));
        }
      }
    }
  }
}
