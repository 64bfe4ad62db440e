package fr.pretadepenser.scoring.explainer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.events.Counterfactual;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.explain.DecisionExplainer;
import fr.pretadepenser.scoring.explain.Explanation;
import fr.pretadepenser.scoring.explain.PathToApproval;
import fr.pretadepenser.scoring.explain.SampleBundle;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * The streaming explainer on a real (embedded KRaft) broker: decisions in, exactly one explained
 * decision out per decision, read with read_committed, although the explainer is stopped while
 * decisions are still coming and another instance takes over; bad input ends in the dead-letter
 * topic with its original bytes and the reason.
 */
class ExplainerServiceTest {

  private static final int DECISIONS = 400;

  @Test
  void exactlyOneExplanationPerDecisionAcrossARestart() throws Exception {
    List<Decision> decisions = SampleBundle.decisions().subList(0, DECISIONS);
    Topics topics = Topics.withPrefix("explainer-it.");
    try (LocalKafkaBroker broker = LocalKafkaBroker.startTemporary();
        ModelBundle bundle = ModelBundle.load(SampleBundle.directory());
        DecisionExplainer explainer = DecisionExplainer.of(bundle);
        KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
      broker.createTopics(topics, 2);
      for (Topic<?, ?> topic : topics.all()) {
        awaitLeaders(producer, topic.name());
      }
      PathToApproval paths = new PathToApproval(ApplicationScorer.of(bundle));
      ExplainerConfig config =
          ExplainerConfig.defaults(broker.bootstrapServers())
              .withTopics(topics)
              .withTransactionIdPrefix("explainer-it-")
              .withConcurrency(2);
      byte[] garbage = {1, 2, 3, 4};
      Decision otherVersion =
          Decision.newBuilder(decisions.get(0))
              .setApplicationId("from-another-model")
              .setModelVersion("not-" + bundle.metadata().modelVersion())
              .build();

      int half = DECISIONS / 2;
      send(producer, topics, decisions.subList(0, half));
      producer.send(new ProducerRecord<>(topics.decisions().name(), key(topics, 7L), garbage));
      send(producer, topics, List.of(otherVersion));
      producer.flush();

      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      log("starting the first explainer");
      try (ExplainerService first = ExplainerService.start(config, explainer, paths, registry)) {
        // Stop it in the middle: once some explanations are visible, while decisions keep coming.
        assertThat(read(broker, topics.explainedDecisions(), 20, Duration.ofSeconds(60)))
            .hasSizeGreaterThanOrEqualTo(20);
        send(producer, topics, decisions.subList(half, half + 50));
        producer.flush();
        log("stopping the first explainer");
      }
      send(producer, topics, decisions.subList(half + 50, DECISIONS));
      producer.flush();
      // The input itself: every decision once, plus the two bad records.
      assertThat(read(broker, topics.decisions().name(), DECISIONS + 2, Duration.ofSeconds(30)))
          .hasSize(DECISIONS + 2);
      log("input complete; restarting the explainer");
      try (ExplainerService second = ExplainerService.start(config, explainer, paths, registry)) {
        List<ExplainedDecision> explained =
            read(broker, topics.explainedDecisions(), DECISIONS, Duration.ofSeconds(120));
        log(explained.size() + " explained decisions read");
        Map<String, Long> perApplication =
            explained.stream()
                .collect(
                    Collectors.groupingBy(
                        e -> e.getDecision().getApplicationId(), Collectors.counting()));
        assertThat(explained).hasSize(DECISIONS);
        assertThat(perApplication)
            .hasSize(DECISIONS)
            .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
        int withPath = 0;
        for (ExplainedDecision e : explained) {
          assertThat(e.getReasons()).isNotEmpty();
          // A refusal carries its path to approval (found or not), the one searched here; a grant
          // none.
          Counterfactual path = e.getCounterfactual();
          if (e.getDecision().getDecision() == DecisionOutcome.REFUSED) {
            assertThat(path).isEqualTo(paths.of(e.getDecision()));
            assertThat(path.getTarget()).isEqualTo(e.getDecision().getThreshold());
            withPath += path.getFound() ? 1 : 0;
          } else {
            assertThat(path).isNull();
          }
          assertThat(
                  new Explanation(e.getBaseValue(), doubles(e.getContributions()), List.of())
                      .invariantError(e.getDecision().getProbability()))
              .isLessThanOrEqualTo(DecisionExplainer.INVARIANT_TOLERANCE);
        }

        assertThat(withPath).isPositive();
        assertThat(
                registry
                    .get("explainer.path.to.approval")
                    .tag("outcome", "found")
                    .counter()
                    .count())
            .isGreaterThanOrEqualTo(withPath);

        List<DeadLetter> letters = read(broker, topics.deadLetters(), 2, Duration.ofSeconds(30));
        assertThat(letters).hasSize(2);
        Map<String, DeadLetter> byStage =
            letters.stream().collect(Collectors.toMap(DeadLetter::getStage, Function.identity()));
        assertThat(byStage.get("explainer/decode").getValue().array()).isEqualTo(garbage);
        assertThat(byStage.get("explainer/decode").getReason()).startsWith("undecodable decision");
        assertThat(byStage.get("explainer/model-version").getReason())
            .contains("decided by model version not-");
        assertThat(
                topics
                    .decisions()
                    .valueSerde()
                    .deserializer()
                    .deserialize("", byStage.get("explainer/model-version").getValue().array())
                    .getApplicationId())
            .isEqualTo("from-another-model");

        assertThat(registry.get("explainer.invariant.violations").functionCounter().count())
            .isZero();
        assertThat(registry.get("explainer.invariant.max.error").gauge().value())
            .isLessThanOrEqualTo(1e-9);
      }
    }
  }

  private static void log(String what) {
    System.out.printf("%tT.%<tL %s%n", System.currentTimeMillis(), what);
  }

  /** Topic creation returns before the partitions have leaders everywhere; wait for them. */
  private static void awaitLeaders(KafkaProducer<byte[], byte[]> producer, String topic)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      var partitions = producer.partitionsFor(topic);
      if (!partitions.isEmpty() && partitions.stream().allMatch(p -> p.leader() != null)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no leaders for " + topic);
  }

  private static double[] doubles(List<Double> list) {
    return list.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static byte[] key(Topics topics, long id) {
    return topics.decisions().keySerde().serializer().serialize("", id);
  }

  private static void send(
      KafkaProducer<byte[], byte[]> producer, Topics topics, List<Decision> ds) {
    Topic<Long, Decision> topic = topics.decisions();
    for (Decision d : ds) {
      producer.send(
          new ProducerRecord<>(
              topic.name(),
              key(topics, d.getSKIDCURR()),
              topic.valueSerde().serializer().serialize(topic.name(), d)));
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static <V> List<V> read(
      LocalKafkaBroker broker, Topic<?, V> topic, int expected, Duration timeout) {
    List<V> values = new ArrayList<>();
    for (byte[] bytes : read(broker, topic.name(), expected, timeout)) {
      values.add(topic.valueSerde().deserializer().deserialize(topic.name(), bytes));
    }
    return values;
  }

  /** Every committed value of the topic from the beginning, until {@code expected} are seen. */
  private static List<byte[]> read(
      LocalKafkaBroker broker, String topic, int expected, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<byte[]> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
      // A little longer, so that a duplicate that should not be there has a chance to show up.
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(1000))) {
        values.add(r.value());
      }
    }
    return values;
  }
}
