package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.schemas.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The scorer topology in a TopologyTestDriver, with typed and raw access to its topics. */
final class ScorerHarness implements AutoCloseable {

  final Topics topics = Topics.withPrefix("test.");
  final ApplicationScorer model;
  final TopologyTestDriver driver;
  final TestInputTopic<Long, ClientHistoryEvent> history;
  final TestInputTopic<Long, LoanApplication> applications;
  final TestInputTopic<byte[], byte[]> rawHistory;
  final TestInputTopic<byte[], byte[]> rawApplications;
  final TestOutputTopic<Long, Decision> decisions;
  final TestOutputTopic<byte[], DeadLetter> deadLetters;

  ScorerHarness(Path stateDir, ApplicationScorer model) {
    this(stateDir, model, ScorerConfig.DEFAULT_HISTORY_CACHE_EVENTS);
  }

  ScorerHarness(Path stateDir, ApplicationScorer model, long historyCacheEvents) {
    this(stateDir, model, historyCacheEvents, ScorerConfig.DEFAULT_HISTORY_WAIT_MS);
  }

  ScorerHarness(
      Path stateDir, ApplicationScorer model, long historyCacheEvents, long historyWaitMs) {
    this(stateDir, model, historyCacheEvents, historyWaitMs, ScorerConfig.Limits.DEFAULTS);
  }

  ScorerHarness(
      Path stateDir,
      ApplicationScorer model,
      long historyCacheEvents,
      long historyWaitMs,
      ScorerConfig.Limits limits) {
    this.model = model;
    ScorerConfig config =
        ScorerConfig.defaults("unused:9092")
            .withApplicationId("scorer-test")
            .withStateDir(stateDir)
            .withTopics(topics)
            .withHistoryCacheEvents(historyCacheEvents)
            .withHistoryWaitMs(historyWaitMs)
            .withLimits(limits);
    driver =
        new TopologyTestDriver(
            ScorerTopology.build(config, model),
            config.streamsProperties(),
            Instant.parse("2026-01-15T09:00:00Z"));
    history =
        driver.createInputTopic(
            topics.clientHistory().name(),
            topics.clientHistory().keySerde().serializer(),
            topics.clientHistory().valueSerde().serializer());
    applications =
        driver.createInputTopic(
            topics.loanApplications().name(),
            topics.loanApplications().keySerde().serializer(),
            topics.loanApplications().valueSerde().serializer());
    rawHistory =
        driver.createInputTopic(
            topics.clientHistory().name(),
            Serdes.ByteArray().serializer(),
            Serdes.ByteArray().serializer());
    rawApplications =
        driver.createInputTopic(
            topics.loanApplications().name(),
            Serdes.ByteArray().serializer(),
            Serdes.ByteArray().serializer());
    decisions =
        driver.createOutputTopic(
            topics.decisions().name(),
            topics.decisions().keySerde().deserializer(),
            topics.decisions().valueSerde().deserializer());
    deadLetters =
        driver.createOutputTopic(
            topics.deadLetters().name(),
            topics.deadLetters().keySerde().deserializer(),
            topics.deadLetters().valueSerde().deserializer());
  }

  void publishHistory(ClientHistory h) {
    for (ClientHistoryEvent e : SampleData.events(h)) {
      history.pipeInput(h.getSKIDCURR(), e);
    }
  }

  void apply(LoanApplication application) {
    applications.pipeInput(application.getSKIDCURR(), application);
  }

  byte[] encode(LoanApplication application) {
    return topics
        .loanApplications()
        .valueSerde()
        .serializer()
        .serialize(topics.loanApplications().name(), application);
  }

  static byte[] key(long clientId) {
    return Serdes.Long().serializer().serialize("any", clientId);
  }

  KeyValueStore<Bytes, byte[]> historyStore() {
    return driver.getKeyValueStore(ScorerTopology.HISTORY_STORE);
  }

  KeyValueStore<Long, Decision> decisionStore() {
    return driver.getKeyValueStore(ScorerTopology.DECISION_STORE);
  }

  ClientHistory storedHistory(long clientId) {
    return HistoryStore.read(
        historyStore(),
        clientId,
        ScorerTopology.HISTORY_STORE,
        topics.clientHistory().valueSerde().deserializer());
  }

  List<Decision> readDecisions() {
    return decisions.readValuesToList();
  }

  /** A total of the scorer's own stream metrics ({@code stream-scorer-metrics}), over tasks. */
  double scorerTotal(String operation) {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().group().equals("stream-scorer-metrics"))
        .filter(e -> e.getKey().name().equals(operation + "-total"))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }

  List<DeadLetter> readDeadLetters() {
    return deadLetters.readValuesToList();
  }

  @Override
  public void close() {
    driver.close();
  }
}
