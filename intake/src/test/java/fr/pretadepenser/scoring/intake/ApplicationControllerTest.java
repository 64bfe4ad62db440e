package fr.pretadepenser.scoring.intake;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The route as both services mount it, without a server and without Kafka: 400 naming every bad
 * field, 503 with Retry-After when nothing listens where Kafka should be. (The 202 path, with a
 * broker, is tested by ingest's IntakeTest and the dashboard's DashboardApiTest.)
 */
class ApplicationControllerTest {

  private static final ParameterizedTypeReference<Map<String, Object>> MAP =
      new ParameterizedTypeReference<>() {};

  private static String nowhere;
  private static ApplicationPublisher publisher;
  private static WebTestClient http;

  @BeforeAll
  static void mount() {
    nowhere = "localhost:" + freePort();
    publisher =
        new ApplicationPublisher(
            nowhere,
            "intake-test",
            Topics.withPrefix("intake-test.").loanApplications(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));
    http =
        WebTestClient.bindToController(new ApplicationController(publisher))
            .configureClient()
            .responseTimeout(Duration.ofSeconds(30))
            .build();
  }

  @AfterAll
  static void close() {
    publisher.close();
  }

  @Test
  void badFieldsAreEachNamedAndNothingIsSent() {
    Map<String, Object> fields = SampleData.asJson(SampleData.data().applicant(2).application());
    fields.put("AMT_CREDIT", 0);
    fields.remove("CODE_GENDER");

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
                    Map.of("field", "CODE_GENDER", "message", "is required", "rule", "REQUIRED"),
                    Map.of("field", "AMT_CREDIT", "message", "must be > 0", "rule", "POSITIVE"))));
  }

  @Test
  void anEmptyBodyIsA400OnTheBody() {
    http.post()
        .uri("/api/applications")
        .contentType(MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody(MAP)
        .isEqualTo(
            Map.of(
                "errors",
                List.of(
                    Map.of(
                        "field",
                        "body",
                        "message",
                        "is empty: send the application as a JSON object",
                        "rule",
                        "JSON_OBJECT"))));
  }

  @Test
  void withoutKafkaTheAnswerIs503WithTheReasonAndARetryAfter() {
    Map<String, Object> body =
        http.post()
            .uri("/api/applications")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(SampleData.asJson(SampleData.data().applicant(0).application()))
            .exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectHeader()
            .valueEquals("Retry-After", ApplicationController.RETRY_AFTER_SECONDS)
            .expectBody(MAP)
            .returnResult()
            .getResponseBody();

    assertThat(body).containsOnlyKeys("error");
    assertThat((String) body.get("error"))
        .startsWith("Kafka is unavailable, the application was not accepted; send it again later")
        .contains(nowhere);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
