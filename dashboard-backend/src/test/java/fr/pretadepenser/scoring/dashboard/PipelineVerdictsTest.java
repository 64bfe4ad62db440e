package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.schemas.Topic;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Issue 15, on the running dashboard: it shows only what the pipeline accepted (an application the
 * scorer dead-lettered, a decision the explainer dead-lettered, a decision of another model
 * version), says when a decision was made on incomplete history and counts history that arrived
 * after it, keeps blocking work off the event loops, and answers a re-sent application as already
 * received. Each test was seen failing on the code before the fix.
 */
class PipelineVerdictsTest {

  static TestDashboard dashboard;
  static WebTestClient advisor;

  @BeforeAll
  static void start() throws InterruptedException {
    dashboard = TestDashboard.get();
    dashboard.awaitLoaded();
    advisor = dashboard.advisor();
  }

  @Test
  void anApplicationTheScorerDeadLetteredIsNotInTheClientFile() throws Exception {
    LoanApplication bad =
        LoanApplication.newBuilder(dashboard.applicants.get(7).application()).build();
    bad.setApplicationId("bad-" + UUID.randomUUID());
    bad.setSKIDCURR(990_100L);
    bad.setAMTINCOMETOTAL(-1.0);
    long deadBefore = view().stats().deadLetters();
    try (var producer = dashboard.producer()) {
      // Key 990101, body 990100: the scorer dead-letters it (key and body disagree, income < 0).
      RecordMetadata at = send(producer, dashboard.topics.loanApplications(), 990_101L, bad);
      deadLetter(producer, dashboard.topics.loanApplications().name(), at, "scorer/validate");
    }
    await(() -> view().stats().deadLetters() > deadBefore, "the dead letter is read");

    advisor.get().uri("/api/clients/990100").exchange().expectStatus().isNotFound();
    advisor.get().uri("/api/clients/990101").exchange().expectStatus().isNotFound();
  }

  @Test
  void aDecisionTheExplainerDeadLetteredIsShownRejectedAndNotExplained() throws Exception {
    Decision forged = Decision.newBuilder(dashboard.decisions.get(9)).build();
    forged.setApplicationId("forged-" + UUID.randomUUID());
    forged.setSKIDCURR(990_200L);
    forged.setDecision(DecisionOutcome.GRANTED);
    forged.setProbability(0.000_01);
    long deadBefore = view().stats().deadLetters();
    try (var producer = dashboard.producer()) {
      RecordMetadata at = send(producer, dashboard.topics.decisions(), 990_200L, forged);
      deadLetter(producer, dashboard.topics.decisions().name(), at, "explainer/invariant");
    }
    await(() -> view().stats().deadLetters() > deadBefore, "the dead letter is read");
    await(() -> view().client(990_200L).isPresent(), "the decision is read");

    advisor
        .get()
        .uri("/api/clients/990200")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.decision.verification")
        .isEqualTo("REJECTED")
        .jsonPath("$.explanation")
        .doesNotExist()
        .jsonPath("$.explanationNote")
        .value((String note) -> assertThat(note).contains("explainer/invariant"));
    advisor
        .get()
        .uri("/api/decisions?limit=1000")
        .exchange()
        .expectBody()
        .jsonPath("$[?(@.applicationId == '" + forged.getApplicationId() + "')].verification")
        .isEqualTo("REJECTED");
    advisor
        .post()
        .uri("/api/what-if")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("clientId", 990_200L, "changes", Map.of("CNT_CHILDREN", 1)))
        .exchange()
        .expectStatus()
        .isEqualTo(409);
  }

  @Test
  void aDecisionOfAnotherModelVersionIsNotExplainedWithThisModel() throws Exception {
    Decision other = Decision.newBuilder(dashboard.decisions.get(11)).build();
    other.setApplicationId("other-model-" + UUID.randomUUID());
    other.setSKIDCURR(990_300L);
    other.setModelVersion("another-model-v0");
    try (var producer = dashboard.producer()) {
      send(producer, dashboard.topics.decisions(), 990_300L, other);
    }
    await(() -> view().client(990_300L).isPresent(), "the decision is read");

    advisor
        .get()
        .uri("/api/clients/990300")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.explanation")
        .doesNotExist()
        .jsonPath("$.modelVersion")
        .isEqualTo("another-model-v0")
        .jsonPath("$.explanationNote")
        .value(
            (String note) ->
                assertThat(note).contains("another-model-v0").contains("is not loaded here"));
    advisor
        .get()
        .uri("/api/clients/990300")
        .header("Accept-Language", "fr")
        .exchange()
        .expectBody()
        .jsonPath("$.explanationNote")
        .value(
            (String note) -> assertThat(note).contains("another-model-v0").contains("pas chargé"));
  }

  @Test
  void aDecisionOnIncompleteHistoryAndTheHistoryThatCameAfterItAreShown() throws Exception {
    Applicant withHistory = null;
    for (Applicant a : dashboard.applicants) {
      if (a.history().getInstalments().size() >= 3) {
        withHistory = a;
        break;
      }
    }
    assertThat(withHistory).isNotNull();
    Decision incomplete = Decision.newBuilder(dashboard.decisions.get(13)).build();
    incomplete.setApplicationId("incomplete-" + UUID.randomUUID());
    incomplete.setSKIDCURR(990_400L);
    incomplete.setHistoryMissing(List.of("bureau", "credit_card_balance"));
    Instant decided = Instant.now().minusSeconds(60);
    incomplete.setDecidedAt(decided);
    try (var producer = dashboard.producer()) {
      send(producer, dashboard.topics.decisions(), 990_400L, incomplete);
      // One event before the decision, three after: three came late.
      for (int i = 0; i < 4; i++) {
        ClientHistoryEvent e =
            ClientHistoryEvent.newBuilder()
                .setSKIDCURR(990_400L)
                .setRecordedAt(decided)
                .setEvent(withHistory.history().getInstalments().get(i % 3))
                .build();
        Topic<Long, ClientHistoryEvent> topic = dashboard.topics.clientHistory();
        long timestamp =
            i == 0 ? decided.minusSeconds(30).toEpochMilli() : Instant.now().toEpochMilli();
        producer
            .send(
                new ProducerRecord<>(
                    topic.name(),
                    null,
                    timestamp,
                    topic.keySerde().serializer().serialize(topic.name(), 990_400L),
                    topic.valueSerde().serializer().serialize(topic.name(), e)))
            .get();
      }
    }
    await(() -> view().client(990_400L).isPresent(), "the decision is read");
    await(
        () ->
            advisor
                        .get()
                        .uri("/api/clients/990400")
                        .exchange()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("lateHistoryEvents")
                    instanceof Integer n
                && n == 3,
        "three late history events are counted");

    advisor
        .get()
        .uri("/api/clients/990400")
        .exchange()
        .expectBody()
        .jsonPath("$.decision.historyMissing")
        .isEqualTo(List.of("bureau", "credit_card_balance"))
        .jsonPath("$.lateHistoryEvents")
        .isEqualTo(3);
    advisor
        .get()
        .uri("/api/decisions?limit=1000")
        .exchange()
        .expectBody()
        .jsonPath(
            "$[?(@.applicationId == '" + incomplete.getApplicationId() + "')].historyMissing[0]")
        .isEqualTo("bureau");
  }

  @Test
  void aSlowRequestDoesNotStallTheStreamNorOtherRequests() throws Exception {
    DashboardView view = view();
    long client = dashboard.decisions.get(0).getSKIDCURR();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // What-ifs that wait on the view (as a long scan would), more than there are event loops, for
    // as long as the test needs (30 s at most). Not a timing: the stream and another request must
    // answer while the what-ifs are still held. Before the fix they could not, every event loop
    // being blocked, and timed out.
    Thread holder =
        new Thread(
            () -> {
              synchronized (view) {
                held.countDown();
                try {
                  release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    holder.start();
    held.await();
    WebClient http =
        WebClient.builder()
            .baseUrl("http://localhost:" + dashboard.port)
            .defaultHeaders(h -> h.setBasicAuth("advisor", TestDashboard.PASSWORD))
            .build();
    // The client's own start (its event loops, the first connection) is not what is measured.
    http.get().uri("/api/features").retrieve().bodyToMono(String.class).block();
    List<reactor.core.Disposable> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        slow.add(
            http.post()
                .uri("/api/what-if")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("clientId", client, "changes", Map.of("CNT_CHILDREN", 2)))
                .retrieve()
                .bodyToMono(String.class)
                .onErrorResume(e -> Mono.empty())
                .subscribe());
      }
      // Time for the what-ifs to pass the login (a bcrypt check each, off the event loop) and
      // reach the view's lock: on the code before the fix, every event loop is then blocked.
      Thread.sleep(2000);
      long start = System.nanoTime();
      List<ServerSentEvent<String>> events =
          http.get()
              // From the ring (events after id 1): the Kafka reader is held up by the lock too.
              .uri("/api/stream?lastEventId=1")
              .accept(MediaType.TEXT_EVENT_STREAM)
              .retrieve()
              .bodyToFlux(
                  new org.springframework.core.ParameterizedTypeReference<
                      ServerSentEvent<String>>() {})
              .take(3)
              .collectList()
              .block(Duration.ofSeconds(20));
      Duration stream = Duration.ofNanos(System.nanoTime() - start);
      boolean heldDuringStream = holder.isAlive() && release.getCount() == 1;
      start = System.nanoTime();
      http.get()
          .uri("/api/features")
          .retrieve()
          .bodyToMono(String.class)
          .block(Duration.ofSeconds(20));
      Duration other = Duration.ofNanos(System.nanoTime() - start);
      boolean heldDuringOther = holder.isAlive() && release.getCount() == 1;

      assertThat(events).hasSize(3);
      assertThat(heldDuringStream)
          .as("the stream answered in %s, the what-ifs still held", stream)
          .isTrue();
      assertThat(heldDuringOther).as("another request answered in %s, still held", other).isTrue();
    } finally {
      release.countDown();
      holder.join();
      slow.forEach(reactor.core.Disposable::dispose);
    }
  }

  @Test
  void aDoubleClickedApplicationIsPublishedOnceAndAnsweredAsAlreadyReceived() {
    Map<String, Object> application = json(dashboard.applicants.get(15).application());
    application.put("application_id", "double-click-" + UUID.randomUUID());
    application.put("SK_ID_CURR", 990_500L);
    post(application).jsonPath("$.already_received").isEqualTo(false);
    post(application).jsonPath("$.already_received").isEqualTo(true);
  }

  @Test
  void aSubmissionTimeBefore1970IsA400NamingTheField() {
    Map<String, Object> application = json(dashboard.applicants.get(16).application());
    application.put("submitted_at", -1000L);
    advisor
        .post()
        .uri("/api/applications")
        .header("Accept-Language", "fr")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(application)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("submitted_at")
        .jsonPath("$.errors[0].message")
        .isEqualTo("doit être postérieure ou égale au 1970-01-01T00:00:00Z");
  }

  private static WebTestClient.BodyContentSpec post(Map<String, Object> application) {
    return advisor
        .post()
        .uri("/api/applications")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(application)
        .exchange()
        .expectStatus()
        .isAccepted()
        .expectBody();
  }

  private static Map<String, Object> json(LoanApplication a) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (var f : a.getSchema().getFields()) {
      Object v = a.get(f.pos());
      if (v != null && !f.name().equals("submitted_at") && !f.name().equals("application_id")) {
        out.put(f.name(), v instanceof CharSequence s ? s.toString() : v);
      }
    }
    return out;
  }

  private static DashboardView view() {
    return dashboard.context.getBean(DashboardView.class);
  }

  private static <K, V> RecordMetadata send(
      KafkaProducer<byte[], byte[]> producer, Topic<K, V> topic, K key, V value) throws Exception {
    return producer
        .send(
            new ProducerRecord<>(
                topic.name(),
                topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), value)))
        .get();
  }

  private static void deadLetter(
      KafkaProducer<byte[], byte[]> producer, String sourceTopic, RecordMetadata at, String stage)
      throws Exception {
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setSourceTopic(sourceTopic)
            .setSourcePartition(at.partition())
            .setSourceOffset(at.offset())
            .setKey(null)
            .setValue(ByteBuffer.wrap(new byte[] {0}))
            .setReason("test: rejected")
            .setStage(stage)
            .setFailedAt(Instant.now())
            .build();
    producer
        .send(
            new ProducerRecord<>(
                dashboard.topics.deadLetters().name(),
                new byte[] {1},
                dashboard.topics.deadLetters().valueSerde().serializer().serialize("", letter)))
        .get();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting until " + what);
  }
}
