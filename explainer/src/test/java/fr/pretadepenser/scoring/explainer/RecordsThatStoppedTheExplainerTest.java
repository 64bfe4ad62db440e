package fr.pretadepenser.scoring.explainer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.explain.DecisionExplainer;
import fr.pretadepenser.scoring.explain.SampleBundle;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.schemas.BoundedDeadLetters;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Records on loan-decisions that stopped the explainer, or that it explained although they were not
 * what the scorer writes. A value just under the 1 MiB message limit made a dead letter over it:
 * the send failed, the transaction rolled back and the batch came again, in a loop (60 rollbacks in
 * 30 s), so nothing after it was ever explained. Now it is a bounded dead letter and the decisions
 * after it are explained; a decision whose key is not its client id is a dead letter too.
 */
class RecordsThatStoppedTheExplainerTest {

  /** Just under a producer's default max.request.size of 1,048,576 bytes, overhead included. */
  static final int NEAR_LIMIT = 1_048_400;

  @Test
  void aRecordNearTheLimitAndForgedKeysAreDeadLetteredAndTheRestExplained() throws Exception {
    LocalKafkaBroker broker = LocalKafkaBroker.shared();
    Topics topics =
        Topics.withPrefix("explainer-stop-" + UUID.randomUUID().toString().substring(0, 8) + ".");
    broker.createTopics(topics, 1);
    List<Decision> good = SampleBundle.decisions().subList(0, 10);
    byte[] big = new byte[NEAR_LIMIT];
    new Random(15).nextBytes(big);
    Topic<Long, Decision> decisions = topics.decisions();
    Decision forged = good.get(0);
    try (ModelBundle bundle = ModelBundle.load(SampleBundle.directory());
        DecisionExplainer explainer = DecisionExplainer.of(bundle);
        KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
      producer.send(new ProducerRecord<>(decisions.name(), key(forged.getSKIDCURR()), big)).get();
      // A real decision filed under another client, and one under a key that is no client id.
      producer.send(
          new ProducerRecord<>(
              decisions.name(),
              key(forged.getSKIDCURR() + 1),
              decisions.valueSerde().serializer().serialize("", forged)));
      producer.send(
          new ProducerRecord<>(
              decisions.name(),
              new byte[] {1, 2, 3},
              decisions.valueSerde().serializer().serialize("", forged)));
      for (Decision d : good) {
        producer.send(
            new ProducerRecord<>(
                decisions.name(),
                key(d.getSKIDCURR()),
                decisions.valueSerde().serializer().serialize("", d)));
      }
      producer.flush();

      ExplainerConfig config =
          ExplainerConfig.defaults(broker.bootstrapServers())
              .withTopics(topics)
              .withGroupId(topics.decisions().name() + "-explainer")
              .withTransactionIdPrefix(topics.decisions().name() + "-explainer-")
              .withConcurrency(1);
      try (ExplainerService service =
          ExplainerService.start(config, explainer, new SimpleMeterRegistry())) {
        List<ExplainedDecision> explained =
            read(broker, topics.explainedDecisions(), good.size(), Duration.ofSeconds(40));
        List<DeadLetter> letters = read(broker, topics.deadLetters(), 3, Duration.ofSeconds(10));
        assertThat(service.isRunning()).isTrue();
        assertThat(explained)
            .extracting(e -> e.getDecision().getApplicationId())
            .containsExactlyElementsOf(good.stream().map(Decision::getApplicationId).toList());
        assertThat(letters).hasSize(3);
        Map<Long, DeadLetter> byOffset =
            letters.stream()
                .collect(Collectors.toMap(DeadLetter::getSourceOffset, Function.identity()));
        DeadLetter truncated = byOffset.get(0L);
        assertThat(truncated.getStage()).isEqualTo("explainer/decode");
        assertThat(truncated.getTruncated()).isTrue();
        assertThat(truncated.getValueSize()).isEqualTo(NEAR_LIMIT);
        assertThat(truncated.getValueSha256()).isEqualTo(BoundedDeadLetters.sha256(big));
        assertThat(byOffset.get(1L).getStage()).isEqualTo("explainer/validate");
        assertThat(byOffset.get(1L).getReason()).contains("differs from the record key");
        assertThat(byOffset.get(2L).getStage()).isEqualTo("explainer/decode");
        assertThat(byOffset.get(2L).getReason()).contains("the key is 3 bytes");
      }
    }
  }

  private static byte[] key(long id) {
    return org.apache.kafka.common.serialization.Serdes.Long().serializer().serialize("", id);
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static <V> List<V> read(
      LocalKafkaBroker broker, Topic<?, V> topic, int expected, Duration timeout) {
    List<V> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(i -> new TopicPartition(topic.name(), i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
        }
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(1000))) {
        values.add(topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
      }
    }
    return values;
  }
}
