package fr.pretadepenser.scoring.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.ingest.SampleData;
import fr.pretadepenser.scoring.ingest.TopicReader;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The intake over real HTTP, publishing to a real broker. */
class IntakeTest {

  private static final Topics TOPICS = Topics.withPrefix("intake-it.");
  private static final String PASSWORD = "intake-test-password";
  private static final ParameterizedTypeReference<Map<String, Object>> MAP =
      new ParameterizedTypeReference<>() {};

  private static LocalKafkaBroker kafka;
  private static ConfigurableApplicationContext intake;
  private static WebTestClient http;

  @BeforeAll
  static void start() {
    kafka = LocalKafkaBroker.shared();
    kafka.createTopics(TOPICS, 2);
    intake =
        IntakeApplication.builder()
            .run(
                IntakeApplication.arguments(
                    kafka.bootstrapServers(), 0, "intake-it.", "--intake.password=" + PASSWORD));
    http = client(intake);
  }

  @AfterAll
  static void stop() {
    if (intake != null) {
      intake.close();
    }
  }

  private static WebTestClient client(ConfigurableApplicationContext context) {
    String port = context.getEnvironment().getProperty("local.server.port");
    return WebTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .responseTimeout(Duration.ofSeconds(30))
        .defaultHeaders(h -> h.setBasicAuth("advisor", PASSWORD))
        .build();
  }

  @Test
  void aValidApplicationIsAcceptedAndPublishedKeyedByClient() {
    LoanApplication sample = SampleData.data().applicant(1).application();
    Map<String, Object> fields = SampleData.asJson(sample);
    fields.remove("application_id");
    fields.put("submitted_at", "2026-02-03T04:05:06.789Z");
    Instant before = Instant.now();

    Map<String, Object> body =
        http.post()
            .uri("/api/applications")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(fields)
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectHeader()
            .contentType(MediaType.APPLICATION_JSON)
            .expectBody(
                new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();

    assertThat(body).containsOnlyKeys("application_id", "SK_ID_CURR", "already_received");
    assertThat(body.get("SK_ID_CURR")).isEqualTo(Long.toString(sample.getSKIDCURR()));
    String id = (String) body.get("application_id");
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    Topic<Long, LoanApplication> topic = TOPICS.loanApplications();
    List<ConsumerRecord<Long, LoanApplication>> published =
        TopicReader.readAll(kafka.bootstrapServers(), topic).stream()
            .filter(r -> r.value().getApplicationId().equals(id))
            .toList();
    assertThat(published).hasSize(1);
    ConsumerRecord<Long, LoanApplication> record = published.get(0);
    assertThat(record.key()).isEqualTo(sample.getSKIDCURR());
    assertThat(record.timestamp())
        .isEqualTo(Instant.parse("2026-02-03T04:05:06.789Z").toEpochMilli());
    LoanApplication expected = LoanApplication.newBuilder(sample).build();
    expected.setApplicationId(id);
    expected.setSubmittedAt(Instant.parse("2026-02-03T04:05:06.789Z"));
    assertThat(record.value()).isEqualTo(expected);
    assertThat(before).isBefore(Instant.now());
  }

  @Test
  void anInvalidApplicationIsRefusedWithEveryProblemAndNothingIsPublished() {
    long before = TopicReader.count(kafka.bootstrapServers(), TOPICS.loanApplications().name());
    Map<String, Object> fields = SampleData.asJson(SampleData.data().applicant(2).application());
    fields.put("AMT_CREDIT", 0);
    fields.put("DAYS_BIRTH", "old");
    fields.remove("CODE_GENDER");
    fields.put("TARGET", 0);

    http.post()
        .uri("/api/applications")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(fields)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody(MAP)
        .isEqualTo(
            Map.of(
                "errors",
                List.of(
                    error("CODE_GENDER", "is required", "REQUIRED"),
                    error("AMT_CREDIT", "must be > 0", "POSITIVE"),
                    error("DAYS_BIRTH", "must be a number, not a string", "TYPE"),
                    error("TARGET", "is not a field of a loan application", "UNKNOWN_FIELD"))));

    assertThat(TopicReader.count(kafka.bootstrapServers(), TOPICS.loanApplications().name()))
        .isEqualTo(before);
  }

  @Test
  void malformedJsonGetsTheSameErrorFormat() {
    Map<String, Object> body =
        http.post()
            .uri("/api/applications")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"SK_ID_CURR\": ")
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody(MAP)
            .returnResult()
            .getResponseBody();

    assertThat(body).containsOnlyKeys("errors");
    assertThat((List<?>) body.get("errors"))
        .singleElement()
        .satisfies(
            e -> {
              Map<?, ?> error = (Map<?, ?>) e;
              assertThat(error.get("field")).isEqualTo("body");
              assertThat((String) error.get("message")).startsWith("is not valid JSON: ");
            });
  }

  @Test
  void withoutKafkaTheAnswerIs503WithAMessageAndARetryAfter() {
    int nothingThere = freePort();
    try (ConfigurableApplicationContext orphan =
        IntakeApplication.builder()
            .run(
                IntakeApplication.arguments(
                    "localhost:" + nothingThere,
                    0,
                    "",
                    "--intake.max-block=1s",
                    "--intake.request-timeout=1s",
                    "--intake.delivery-timeout=2s",
                    "--intake.password=" + PASSWORD))) {
      Map<String, Object> body =
          client(orphan)
              .post()
              .uri("/api/applications")
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue(SampleData.asJson(SampleData.data().applicant(0).application()))
              .exchange()
              .expectStatus()
              .isEqualTo(503)
              .expectHeader()
              .valueEquals("Retry-After", "5")
              .expectBody(MAP)
              .returnResult()
              .getResponseBody();
      assertThat((String) body.get("error"))
          .startsWith("Kafka is unavailable, the application was not accepted")
          .contains("localhost:" + nothingThere);
    }
  }

  @Test
  void aResentApplicationIsAnsweredAsAlreadyReceivedAndPublishedOnce() {
    Map<String, Object> fields = SampleData.asJson(SampleData.data().applicant(3).application());
    String id = "resent-" + java.util.UUID.randomUUID();
    fields.put("application_id", id);

    Map<String, Object> first = post(fields);
    Map<String, Object> second = post(fields);

    assertThat(first).containsEntry("application_id", id).containsEntry("already_received", false);
    assertThat(second).containsEntry("application_id", id).containsEntry("already_received", true);
    // The same answer but for already_received: same application, same client.
    assertThat(second).containsEntry("SK_ID_CURR", first.get("SK_ID_CURR")).hasSameSizeAs(first);
    assertThat(
            TopicReader.readAll(kafka.bootstrapServers(), TOPICS.loanApplications()).stream()
                .filter(r -> r.value().getApplicationId().equals(id)))
        .hasSize(1);
  }

  @Test
  void theSameApplicationIdWithOtherValuesIsA409AndNothingMoreIsPublished() {
    Map<String, Object> fields = SampleData.asJson(SampleData.data().applicant(6).application());
    String id = "changed-" + java.util.UUID.randomUUID();
    fields.put("application_id", id);
    post(fields);
    fields.put("AMT_CREDIT", ((Number) fields.get("AMT_CREDIT")).doubleValue() + 1000);

    Map<String, Object> body =
        http.post()
            .uri("/api/applications")
            .header("Accept-Language", "fr")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(fields)
            .exchange()
            .expectStatus()
            .isEqualTo(409)
            .expectBody(MAP)
            .returnResult()
            .getResponseBody();
    assertThat((String) body.get("error"))
        .startsWith("l’identifiant de demande " + id + " a déjà été reçu avec d’autres valeurs");
    assertThat(
            TopicReader.readAll(kafka.bootstrapServers(), TOPICS.loanApplications()).stream()
                .filter(r -> r.value().getApplicationId().equals(id)))
        .hasSize(1);
  }

  /**
   * Issue 18, item 3: a double click sends the same application twice at once. Both are answered
   * 202, one as received and one as already received, and it is published once (the scorer, which
   * keeps every decided application id, decides it once: scorer's IdempotenceTest).
   */
  @Test
  void twoSimultaneousSendsOfOneApplicationArePublishedOnce() throws Exception {
    Map<String, Object> fields = SampleData.asJson(SampleData.data().applicant(5).application());
    String id = "double-click-" + java.util.UUID.randomUUID();
    fields.put("application_id", id);

    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.Callable<Map<String, Object>> send =
          () -> {
            go.await();
            return post(fields);
          };
      var a = pool.submit(send);
      var b = pool.submit(send);
      go.countDown();
      List<Object> received =
          List.of(
              a.get(60, java.util.concurrent.TimeUnit.SECONDS).get("already_received"),
              b.get(60, java.util.concurrent.TimeUnit.SECONDS).get("already_received"));
      assertThat(received).containsExactlyInAnyOrder(false, true);
    } finally {
      pool.shutdownNow();
    }
    assertThat(
            TopicReader.readAll(kafka.bootstrapServers(), TOPICS.loanApplications()).stream()
                .filter(r -> r.value().getApplicationId().equals(id)))
        .hasSize(1);
  }

  @Test
  void aSubmissionTimeBefore1970OrMoreThanAnHourAheadIsA400NamingTheFieldInTheRequestsLanguage() {
    Map<String, Object> fields = SampleData.asJson(SampleData.data().applicant(4).application());
    fields.put("submitted_at", "1969-12-31T23:59:59Z");
    assertThat(refused(fields, "en"))
        .isEqualTo(
            List.of(error("submitted_at", "must be on or after 1970-01-01T00:00:00Z", WINDOW)));
    assertThat(refused(fields, "fr"))
        .isEqualTo(
            List.of(
                error(
                    "submitted_at",
                    "doit être postérieure ou égale au 1970-01-01T00:00:00Z",
                    WINDOW)));

    fields.put("submitted_at", Instant.now().plus(Duration.ofMinutes(61)).toString());
    assertThat(refused(fields, "en"))
        .isEqualTo(
            List.of(error("submitted_at", "must not be more than 1 hour in the future", WINDOW)));
    assertThat(refused(fields, "fr-FR,fr;q=0.9"))
        .isEqualTo(
            List.of(
                error(
                    "submitted_at",
                    "ne doit pas dépasser de plus d'une heure l'heure actuelle",
                    WINDOW)));
  }

  @Test
  void theRouteNeedsTheLogin() {
    WebTestClient anonymous =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + intake.getEnvironment().getProperty("local.server.port"))
            .build();
    anonymous
        .post()
        .uri("/api/applications")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(SampleData.asJson(SampleData.data().applicant(5).application()))
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueMatches("WWW-Authenticate", "Basic .*");
    anonymous
        .post()
        .uri("/api/applications")
        .headers(h -> h.setBasicAuth("advisor", "wrong"))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(SampleData.asJson(SampleData.data().applicant(5).application()))
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void thePasswordIsInNoLog() throws Exception {
    String secret = "intake-secret-" + java.util.UUID.randomUUID();
    java.io.PrintStream out = System.out;
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
    java.io.PrintStream both = new java.io.PrintStream(seen, true, "UTF-8");
    System.setOut(both);
    System.setErr(both);
    try (ConfigurableApplicationContext other =
        IntakeApplication.builder()
            .run(
                IntakeApplication.arguments(
                    kafka.bootstrapServers(), 0, "intake-it.", "--intake.password=" + secret))) {
      String port = other.getEnvironment().getProperty("local.server.port");
      WebTestClient.bindToServer()
          .baseUrl("http://localhost:" + port)
          .build()
          .post()
          .uri("/api/applications")
          .headers(h -> h.setBasicAuth("advisor", secret + "-wrong"))
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(SampleData.asJson(SampleData.data().applicant(6).application()))
          .exchange()
          .expectStatus()
          .isUnauthorized();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    String log = seen.toString(java.nio.charset.StandardCharsets.UTF_8);
    // Whatever the start, the settings binding and a refused login wrote: never the password.
    assertThat(log).doesNotContain(secret);
  }

  private static Map<String, Object> post(Map<String, Object> fields) {
    return http.post()
        .uri("/api/applications")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(fields)
        .exchange()
        .expectStatus()
        .isAccepted()
        .expectBody(MAP)
        .returnResult()
        .getResponseBody();
  }

  private static Object refused(Map<String, Object> fields, String language) {
    return http.post()
        .uri("/api/applications")
        .contentType(MediaType.APPLICATION_JSON)
        .header("Accept-Language", language)
        .bodyValue(fields)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody(MAP)
        .returnResult()
        .getResponseBody()
        .get("errors");
  }

  private static final String WINDOW = "SUBMITTED_AT_WINDOW";

  private static Map<String, String> error(String field, String message, String rule) {
    return Map.of("field", field, "message", message, "rule", rule);
  }

  private static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
