package fr.pretadepenser.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.schemas.FloatArrayList;
import fr.pretadepenser.scoring.schemas.Topics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole scorer (Kafka Streams with exactly-once, topic creation, HTTP queries) against a real
 * broker: the embedded KRaft broker shared by this test JVM ({@link LocalKafkaBroker#shared()}), or
 * the one given by {@code -Dscorer.bootstrap=HOST:PORT}. The model is the test double; the
 * end-to-end test with a trained ONNX bundle is {@code EndToEndTest} in app. {@code
 * -Dscorer.applicants=N} (default 40) and {@code -Dscorer.cache=EVENTS} change the load and the
 * history cache size; it prints the history read + feature time of the later half of the decisions
 * (an indication, not a benchmark).
 */
class LiveBrokerSmokeTest {

  @TempDir(factory = ShmTempDirs.class)
  Path stateDir;

  @Test
  void decidesThroughARealBrokerAndAnswersQueries() throws Exception {
    String bootstrap = System.getProperty("scorer.bootstrap");
    if (bootstrap == null || bootstrap.isBlank()) {
      bootstrap = LocalKafkaBroker.shared().bootstrapServers();
    }
    String run = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Topics topics = Topics.withPrefix(run);
    FeatureDefinition definition = SampleData.definition();
    ApplicationScorer model = ShareOfKnownFeatures.scorer(definition, 0.75);
    ScorerConfig config =
        ScorerConfig.defaults(bootstrap)
            .withApplicationId(run + "scorer")
            .withStateDir(stateDir)
            .withThreads(2)
            .withTopics(topics)
            .withHistoryCacheEvents(
                Long.getLong("scorer.cache", ScorerConfig.DEFAULT_HISTORY_CACHE_EVENTS));
    List<Applicant> applicants =
        SampleData.applicants(Integer.getInteger("scorer.applicants", 40), a -> true);

    try (ScorerService scorer =
        ScorerService.start(
            config,
            model,
            new ScorerService.Http(
                new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", QueryServerTest.PASSWORD),
            2)) {
      try (KafkaProducer<Long, Object> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ProducerConfig.LINGER_MS_CONFIG,
                  5),
              Serdes.Long().serializer(),
              (topic, value) ->
                  value instanceof byte[] b
                      ? b
                      : value instanceof fr.pretadepenser.scoring.events.LoanApplication a
                          ? topics.loanApplications().valueSerde().serializer().serialize(topic, a)
                          : topics
                              .clientHistory()
                              .valueSerde()
                              .serializer()
                              .serialize(
                                  topic,
                                  (fr.pretadepenser.scoring.events.ClientHistoryEvent) value))) {
        for (Applicant a : applicants) {
          for (var e : SampleData.events(a.history())) {
            producer.send(new ProducerRecord<>(topics.clientHistory().name(), a.clientId(), e));
          }
        }
        producer.flush();
        producer.send(
            new ProducerRecord<>(topics.loanApplications().name(), 1L, new byte[] {1, 2, 3}));
        for (Applicant a : applicants) {
          producer.send(
              new ProducerRecord<>(
                  topics.loanApplications().name(), a.clientId(), a.application()));
        }
        producer.flush();
      }

      List<Decision> decisions = new ArrayList<>();
      List<DeadLetter> letters = new ArrayList<>();
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ConsumerConfig.GROUP_ID_CONFIG,
                  run + "reader",
                  ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                  "earliest",
                  ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                  "read_committed"),
              Serdes.ByteArray().deserializer(),
              Serdes.ByteArray().deserializer())) {
        consumer.subscribe(List.of(topics.decisions().name(), topics.deadLetters().name()));
        long deadline = System.currentTimeMillis() + 120_000;
        while ((decisions.size() < applicants.size() || letters.isEmpty())
            && System.currentTimeMillis() < deadline) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            if (r.topic().equals(topics.decisions().name())) {
              decisions.add(
                  topics.decisions().valueSerde().deserializer().deserialize(r.topic(), r.value()));
            } else {
              letters.add(
                  topics
                      .deadLetters()
                      .valueSerde()
                      .deserializer()
                      .deserialize(r.topic(), r.value()));
            }
          }
        }
      }
      assertThat(decisions).hasSize(applicants.size());
      assertThat(letters).hasSize(1);
      for (Decision d : decisions) {
        Applicant a =
            applicants.stream().filter(x -> x.clientId() == d.getSKIDCURR()).findFirst().get();
        assertThat(d.getFeatures())
            .containsExactlyElementsOf(
                new FloatArrayList(definition.compute(a.application(), a.history())));
      }
      // Later half only: the first decisions pay for class loading and JIT compilation.
      long[] warm =
          decisions.subList(decisions.size() / 2, decisions.size()).stream()
              .mapToLong(Decision::getFeatureMicros)
              .sorted()
              .toArray();
      System.out.printf(
          "history read + features, µs, later half of %d decisions: median %d, p99 %d, max %d%n",
          decisions.size(),
          warm[warm.length / 2],
          warm[(int) (warm.length * 0.99)],
          warm[warm.length - 1]);

      HttpClient http = HttpClient.newHttpClient();
      for (Applicant a : applicants.subList(0, 5)) {
        for (String route : List.of("decision", "history")) {
          HttpResponse<String> response =
              http.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + scorer.httpPort()
                                  + "/clients/"
                                  + a.clientId()
                                  + "/"
                                  + route))
                      .header(
                          "Authorization",
                          QueryServerTest.basic("advisor", QueryServerTest.PASSWORD))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(response.statusCode()).as(route).isEqualTo(200);
          assertThat(response.body()).contains("\"SK_ID_CURR\":" + a.clientId());
        }
      }
    }
  }
}
