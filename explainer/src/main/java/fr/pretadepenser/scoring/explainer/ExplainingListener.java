package fr.pretadepenser.scoring.explainer;

import fr.pretadepenser.scoring.events.Counterfactual;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.explain.DecisionExplainer;
import fr.pretadepenser.scoring.explain.PathToApproval;
import fr.pretadepenser.scoring.explain.UnexplainableDecisionException;
import fr.pretadepenser.scoring.schemas.BoundedDeadLetters;
import fr.pretadepenser.scoring.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * Explains each polled decision, with a refusal's path to approval ({@link PathToApproval}), and
 * sends the result, explained decision or dead letter, through the template, which joins the
 * container's Kafka transaction: the outputs and the consumed offsets commit together or not at
 * all. One bad record never stops the stream: whatever cannot be explained (undecodable, too large,
 * under a key that is not its client id, of another model, not adding up) goes to the dead-letter
 * topic with its original bytes, bounded, and the reason. Only Kafka failures (a fenced producer, a
 * lost broker) escape, and roll the whole batch back.
 */
final class ExplainingListener implements BatchMessageListener<byte[], byte[]> {

  private static final Logger LOG = LoggerFactory.getLogger(ExplainingListener.class);

  /**
   * The largest decision explained. A real one is a few KB (the feature vector, ~3 KB, and short
   * strings); its explanation adds the contributions and reasons. A larger one is forged or
   * corrupt, and explaining it could make an explained decision over Kafka's 1 MiB record limit,
   * which would abort the transaction and roll the batch back again at every poll.
   */
  static final int MAX_DECISION_BYTES = 256 * 1024;

  static final String STAGE_DECODE = "explainer/decode";
  static final String STAGE_VALIDATE = "explainer/validate";
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
  private final PathToApproval paths;
  private final Counter pathsFound;
  private final Counter pathsNone;
  private final Counter pathsFailed;

  /**
   * @param paths the refusals' paths to approval, on the same bundle as {@code explainer}; null to
   *     send explained decisions without one
   */
  ExplainingListener(
      DecisionExplainer explainer,
      PathToApproval paths,
      KafkaTemplate<byte[], byte[]> template,
      Topics topics,
      MeterRegistry registry) {
    this.explainer = explainer;
    this.paths = paths;
    this.pathsFound = registry.counter("explainer.path.to.approval", "outcome", "found");
    this.pathsNone = registry.counter("explainer.path.to.approval", "outcome", "none");
    this.pathsFailed = registry.counter("explainer.path.to.approval", "outcome", "failed");
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
      if (record.value().length > MAX_DECISION_BYTES) {
        deadLetter(
            record,
            STAGE_DECODE,
            "the value is "
                + record.value().length
                + " bytes, more than the "
                + MAX_DECISION_BYTES
                + " a decision may take (real ones are a few KB)");
        return;
      }
      decision = decisions.deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      deadLetter(record, STAGE_DECODE, "undecodable decision: " + e.getMessage());
      return;
    }
    String keyProblem = keyProblem(record.key(), decision);
    if (keyProblem != null) {
      boolean unreadable = record.key() == null || record.key().length != Long.BYTES;
      deadLetter(record, unreadable ? STAGE_DECODE : STAGE_VALIDATE, keyProblem);
      return;
    }
    byte[] out;
    try {
      ExplainedDecision result = explainer.explain(decision);
      result.setCounterfactual(pathToApproval(decision));
      out = explained.serialize(explainedTopic, result);
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
    template.send(explainedTopic, record.key(), out);
    explainedCount.increment();
  }

  /**
   * The refusal's path to approval (null for a grant, or a refusal without its application). A
   * search that fails on this application (the feature definition or the model refusing a changed
   * loan) costs the decision its path, never its explanation: counted and logged, null.
   */
  private Counterfactual pathToApproval(Decision decision) {
    if (paths == null) {
      return null;
    }
    try {
      Counterfactual c = paths.of(decision);
      if (c != null) {
        (c.getFound() ? pathsFound : pathsNone).increment();
      }
      return c;
    } catch (RuntimeException e) {
      pathsFailed.increment();
      LOG.debug("no path to approval for decision {}: {}", decision.getDecisionId(), e.toString());
      return null;
    }
  }

  /**
   * What is wrong with the record key of {@code decision}, or null. The key decides the partition,
   * and the dashboard files an explained decision under it: it must be the decision's client id, as
   * the scorer writes it (8 bytes, Kafka's LongSerializer).
   */
  static String keyProblem(byte[] key, Decision decision) {
    if (key == null || key.length != Long.BYTES) {
      return "the key is "
          + (key == null ? "missing" : key.length + " bytes")
          + ", not the 8-byte client id (SK_ID_CURR) the scorer writes";
    }
    long clientId = ByteBuffer.wrap(key).getLong();
    if (clientId != decision.getSKIDCURR()) {
      return "SK_ID_CURR "
          + decision.getSKIDCURR()
          + " differs from the record key "
          + clientId
          + " (the key decides the partition and the client file the decision goes to)";
    }
    return null;
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> record, String stage, String reason) {
    // Bounded: a dead letter wrapping a record near the 1 MiB limit would not fit in one, and the
    // failed send would abort the transaction and replay the batch, in a loop.
    BoundedDeadLetters.Outgoing out =
        BoundedDeadLetters.of(
            new BoundedDeadLetters.Source(record.topic(), record.partition(), record.offset()),
            record.key(),
            record.value(),
            record.headers(),
            stage,
            reason,
            Instant.now());
    template.send(
        new ProducerRecord<>(
            deadLetterTopic,
            null,
            out.key(),
            deadLetters.serialize(deadLetterTopic, out.letter()),
            out.headers()));
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
        out.letter().getReason());
  }
}
