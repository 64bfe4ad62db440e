package fr.pretadepenser.scoring.explainer;

import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.explain.DecisionExplainer;
import fr.pretadepenser.scoring.explain.UnexplainableDecisionException;
import fr.pretadepenser.scoring.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * Explains each polled decision and sends the result, explained decision or dead letter, through
 * the template, which joins the container's Kafka transaction: the outputs and the consumed offsets
 * commit together or not at all. One bad record never stops the stream: whatever cannot be
 * explained goes to the dead-letter topic with its original bytes and the reason. Only Kafka
 * failures (a fenced producer, a lost broker) escape, and roll the whole batch back.
 */
final class ExplainingListener implements BatchMessageListener<byte[], byte[]> {

  private static final Logger LOG = LoggerFactory.getLogger(ExplainingListener.class);

  static final String STAGE_DECODE = "explainer/decode";
  static final String STAGE_MODEL_VERSION = "explainer/model-version";
  static final String STAGE_FEATURES = "explainer/features";
  static final String STAGE_INVARIANT = "explainer/invariant";
  static final String STAGE_EXPLAIN = "explainer/explain";

  private final DecisionExplainer explainer;
  private final KafkaTemplate<byte[], byte[]> template;
  private final String explainedTopic;
  private final String deadLetterTopic;
  private final Deserializer<Decision> decisions;
  private final Serializer<ExplainedDecision> explained;
  private final Serializer<DeadLetter> deadLetters;
  private final Counter explainedCount;
  private final MeterRegistry registry;
  private final Map<String, Counter> deadLetterCounts = new ConcurrentHashMap<>();

  ExplainingListener(
      DecisionExplainer explainer,
      KafkaTemplate<byte[], byte[]> template,
      Topics topics,
      MeterRegistry registry) {
    this.explainer = explainer;
    this.template = template;
    this.explainedTopic = topics.explainedDecisions().name();
    this.deadLetterTopic = topics.deadLetters().name();
    this.decisions = topics.decisions().valueSerde().deserializer();
    this.explained = topics.explainedDecisions().valueSerde().serializer();
    this.deadLetters = topics.deadLetters().valueSerde().serializer();
    this.registry = registry;
    this.explainedCount = registry.counter("explainer.decisions.explained");
  }

  @Override
  public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
    for (ConsumerRecord<byte[], byte[]> record : records) {
      handle(record);
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> record) {
    Decision decision;
    try {
      if (record.value() == null) {
        deadLetter(record, STAGE_DECODE, "empty value: a decision was expected");
        return;
      }
      decision = decisions.deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      deadLetter(record, STAGE_DECODE, "undecodable decision: " + e.getMessage());
      return;
    }
    ExplainedDecision out;
    try {
      out = explainer.explain(decision);
    } catch (UnexplainableDecisionException e) {
      String stage =
          switch (e.kind()) {
            case OTHER_MODEL_VERSION -> STAGE_MODEL_VERSION;
            case WRONG_FEATURE_COUNT -> STAGE_FEATURES;
            case INVARIANT_VIOLATED -> STAGE_INVARIANT;
          };
      deadLetter(record, stage, e.getMessage());
      return;
    } catch (RuntimeException e) {
      deadLetter(record, STAGE_EXPLAIN, "cannot explain: " + e);
      return;
    }
    // The original key bytes (the client id) go out unchanged, so partitioning is kept.
    template.send(explainedTopic, record.key(), explained.serialize(explainedTopic, out));
    explainedCount.increment();
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> record, String stage, String reason) {
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setSourceTopic(record.topic())
            .setSourcePartition(record.partition())
            .setSourceOffset(record.offset())
            .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
            .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
            .setReason(reason)
            .setStage(stage)
            .setFailedAt(Instant.now())
            .build();
    template.send(deadLetterTopic, record.key(), deadLetters.serialize(deadLetterTopic, letter));
    deadLetterCounts
        .computeIfAbsent(
            stage, s -> registry.counter("explainer.decisions.dead.lettered", "stage", s))
        .increment();
    // Debug only: a flood of bad input must not flood the log; the topic keeps every one.
    LOG.debug(
        "dead letter from {}-{}@{} at {}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        stage,
        reason);
  }
}
