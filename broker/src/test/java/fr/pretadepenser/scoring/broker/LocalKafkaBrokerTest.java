package fr.pretadepenser.scoring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerTest {

  private static LocalKafkaBroker kafka;

  @BeforeAll
  static void start() {
    kafka = LocalKafkaBroker.startTemporary();
  }

  @AfterAll
  static void stop() {
    Path dir = kafka.directory();
    kafka.close();
    assertThat(dir).doesNotExist();
  }

  @Test
  void createsEveryTopicOfTheCatalogueWithThePartitionsAskedForOnce() throws Exception {
    Topics topics = Topics.withPrefix("create.");

    List<String> created = kafka.createTopics(topics, 3);

    List<String> names = topics.all().stream().map(Topic::name).toList();
    assertThat(created).containsExactlyElementsOf(names);
    try (Admin admin = kafka.admin()) {
      Map<String, TopicDescription> described =
          admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      assertThat(described.values())
          .allSatisfy(
              d -> {
                assertThat(d.partitions()).hasSize(3);
                assertThat(d.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
              });
    }
    assertThat(kafka.createTopics(topics, 3)).as("second call").isEmpty();
    assertThatThrownBy(() -> kafka.createTopics(topics, 4))
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("another partition count than 4")
        .hasMessageContaining("create.client-history=3");
  }

  /**
   * Created means writable: an idempotent producer that starts the moment the topics are created
   * gets every record acknowledged. Before the creation waited for the leaders to answer, a produce
   * request could reach a partition the broker had announced but not yet opened; the producer's
   * retry of its first batch was then refused as out of sequence until its delivery timeout (1 run
   * of 3 of the replay test). Several rounds, because that window is a race.
   */
  @Test
  void anIdempotentProducerCanWriteAsSoonAsTheTopicsAreCreated() throws Exception {
    for (int round = 0; round < 12; round++) {
      Topics topics = Topics.withPrefix("writable-" + round + ".");
      kafka.createTopics(topics, 2);
      String topic = topics.clientHistory().name();
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      try (KafkaProducer<String, String> producer =
          KafkaTestClients.producer(
              kafka.bootstrapServers(),
              Map.of(
                  // Small batches, several in flight per partition: the shape that failed.
                  ProducerConfig.BATCH_SIZE_CONFIG, 2_048,
                  ProducerConfig.LINGER_MS_CONFIG, 0,
                  ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                  ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000))) {
        for (int i = 0; i < 2_000; i++) {
          sent.add(producer.send(new ProducerRecord<>(topic, "k" + i, "value " + i)));
        }
        producer.flush();
      }
      for (Future<RecordMetadata> f : sent) {
        assertThat(f.get(1, TimeUnit.SECONDS).hasOffset()).as("round %d", round).isTrue();
      }
    }
  }

  @Test
  void transactionsCommitAndAbortAndReadCommittedSeesOnlyTheCommitted() throws Exception {
    Topics topics = Topics.withPrefix("tx.");
    kafka.createTopics(topics, 2);
    String topic = topics.decisions().name();

    try (KafkaProducer<String, String> producer =
        KafkaTestClients.producer(
            kafka.bootstrapServers(),
            Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "broker-test-tx"))) {
      producer.initTransactions();
      producer.beginTransaction();
      for (String v : List.of("c1", "c2", "c3")) {
        producer.send(new ProducerRecord<>(topic, v, v));
      }
      producer.commitTransaction();
      producer.beginTransaction();
      for (String v : List.of("a1", "a2")) {
        producer.send(new ProducerRecord<>(topic, v, v));
      }
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "c4", "c4"));
      producer.commitTransaction();
    }

    Duration timeout = Duration.ofSeconds(20);
    assertThat(
            KafkaTestClients.readValues(
                kafka.bootstrapServers(), topic, "read_committed", 4, timeout))
        .containsExactlyInAnyOrder("c1", "c2", "c3", "c4");
    assertThat(
            KafkaTestClients.readValues(
                kafka.bootstrapServers(), topic, "read_uncommitted", 6, timeout))
        .containsExactlyInAnyOrder("c1", "c2", "c3", "a1", "a2", "c4");
  }

  @Test
  void doesNotCreateTopicsOnTheFly() {
    try (KafkaProducer<String, String> producer =
        KafkaTestClients.producer(
            kafka.bootstrapServers(), Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_500))) {
      assertThatThrownBy(
              () -> producer.send(new ProducerRecord<>("nobody-created-this", "k", "v")).get())
          .hasMessageContaining("not present in metadata");
    }
  }

  @Test
  void refusesAPortInUseWithAClearMessage(@TempDir Path dir) {
    assertThatThrownBy(() -> LocalKafkaBroker.start(kafka.port(), dir))
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("port " + kafka.port())
        .hasMessageContaining("already in use");
  }

  @Test
  void theSharedBrokerIsOnePerJvmAndOutlivesClose() {
    LocalKafkaBroker shared = LocalKafkaBroker.shared();
    shared.close();
    assertThat(LocalKafkaBroker.shared()).isSameAs(shared);
    assertThat(shared.createTopics(Topics.withPrefix("shared."), 1))
        .hasSize(Topics.withPrefix("shared.").all().size());
  }

  @Test
  void keepsTopicsAndRecordsAcrossARestartInTheSameFolder(@TempDir Path dir)
      throws ExecutionException, InterruptedException {
    Topics topics = Topics.withPrefix("restart.");
    String topic = topics.loanApplications().name();
    try (LocalKafkaBroker first = LocalKafkaBroker.start(0, dir)) {
      first.createTopics(topics, 1);
      try (KafkaProducer<String, String> producer =
          KafkaTestClients.producer(first.bootstrapServers(), Map.of())) {
        producer.send(new ProducerRecord<>(topic, "k", "kept")).get();
      }
    }
    assertThat(dir.resolve("data/meta.properties")).exists();

    try (LocalKafkaBroker second = LocalKafkaBroker.start(0, dir)) {
      assertThat(second.createTopics(topics, 1)).isEmpty();
      assertThat(
              KafkaTestClients.readValues(
                  second.bootstrapServers(), topic, "read_committed", 1, Duration.ofSeconds(20)))
          .containsExactly("kept");
    }
    assertThat(Files.exists(dir)).as("a given folder is the caller's").isTrue();
  }
}
