package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.model.DecisionRule;
import fr.pretadepenser.scoring.schemas.Topic;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides on each application: decode, validate, read the client's history from the store, compute
 * the features, run the model, apply the threshold, remember the decision as the client's latest
 * and send it. Whatever fails for this one record becomes a dead letter.
 *
 * <p>Only failures of pure code are caught around features and model (a bug or a broken model
 * affecting one record must not stop the stream); exceptions from the stores and from Kafka are
 * left to Kafka Streams, which must see them to keep exactly-once (e.g. a fenced producer).
 */
final class ApplicationScorer implements Processor<byte[], byte[], Object, Object> {

  private final Topic<Long, LoanApplication> applications;
  private final Topic<Long, ClientHistoryEvent> history;
  private final ScoringModel scoring;
  private ProcessorContext<Object, Object> context;
  private KeyValueStore<Bytes, byte[]> historyStore;
  private KeyValueStore<Long, Decision> decisionStore;

  ApplicationScorer(
      Topic<Long, LoanApplication> applications,
      Topic<Long, ClientHistoryEvent> history,
      ScoringModel scoring) {
    this.applications = applications;
    this.history = history;
    this.scoring = scoring;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.historyStore = context.getStateStore(ScorerTopology.HISTORY_STORE);
    this.decisionStore = context.getStateStore(ScorerTopology.DECISION_STORE);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    // Wall clock, not the record timestamp: received/decided measure the scorer itself, while
    // the application's submitted_at already tells when the origination system sent it.
    long receivedAt = System.currentTimeMillis();
    try {
      long clientId = InputDecoding.clientId(record.key());
      LoanApplication application =
          InputDecoding.value(
              record.value(),
              applications.valueSerde().deserializer(),
              applications.name(),
              "an application");
      List<String> violations = ApplicationValidation.violations(application, clientId);
      if (!violations.isEmpty()) {
        throw new Rejected(Stage.VALIDATE, String.join("; ", violations));
      }
      Decision decision = decide(clientId, application, receivedAt);
      decisionStore.put(clientId, decision);
      context.forward(record.withKey(clientId).withValue(decision), ScorerTopology.DECISION_SINK);
    } catch (Rejected why) {
      DeadLetters.send(context, record, why);
    }
  }

  private Decision decide(long clientId, LoanApplication application, long receivedAt)
      throws Rejected {
    long start = System.nanoTime();
    ClientHistory clientHistory;
    try {
      clientHistory =
          HistoryStore.read(
              historyStore,
              clientId,
              ScorerTopology.HISTORY_STORE,
              history.valueSerde().deserializer());
    } catch (SerializationException e) {
      throw new Rejected(
          Stage.HISTORY,
          "a stored history event of client " + clientId + " no longer decodes: " + e.getMessage());
    }
    float[] features;
    try {
      features = scoring.definition().compute(application, clientHistory);
    } catch (RuntimeException e) {
      throw new Rejected(Stage.FEATURES, "the feature definition failed: " + e);
    }
    long featuresDone = System.nanoTime();
    double probability;
    try {
      probability = scoring.model().probability(features);
    } catch (RuntimeException e) {
      throw new Rejected(Stage.MODEL, "the model failed: " + e);
    }
    long inferenceDone = System.nanoTime();
    // NaN would pass as GRANTED (NaN >= threshold is false): never decide on it.
    if (!(probability >= 0.0 && probability <= 1.0)) {
      throw new Rejected(
          Stage.MODEL, "the model returned " + probability + ", not a probability in [0, 1]");
    }
    double threshold = scoring.metadata().threshold();
    return Decision.newBuilder()
        .setApplicationId(application.getApplicationId())
        .setSKIDCURR(clientId)
        .setProbability(probability)
        .setDecision(
            DecisionRule.refuses(probability, threshold)
                ? DecisionOutcome.REFUSED
                : DecisionOutcome.GRANTED)
        .setThreshold(threshold)
        .setModelVersion(scoring.metadata().modelVersion())
        .setFeatures(new FloatList(features))
        .setReceivedAt(Instant.ofEpochMilli(receivedAt))
        .setDecidedAt(Instant.ofEpochMilli(System.currentTimeMillis()))
        .setFeatureMicros((featuresDone - start) / 1_000)
        .setInferenceMicros((inferenceDone - featuresDone) / 1_000)
        .build();
  }
}
