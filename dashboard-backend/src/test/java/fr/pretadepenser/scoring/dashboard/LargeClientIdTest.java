package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * Client ids above 2^53 (issue 18): JavaScript reads every JSON number as a double, so the API
 * writes every client id as text. 9007199254740993 read as a number is 9007199254740992 in a
 * browser: a link to the wrong client. A client with that id comes from the feed here, and every
 * JSON that names it must carry its digits as a string.
 */
class LargeClientIdTest {

  /** 2^53 + 1: the first whole number a double cannot hold. */
  static final long BIG = 9_007_199_254_740_993L;

  static final String ID = Long.toString(BIG);

  static TestDashboard dashboard;
  static WebTestClient advisor;
  static Decision decision;
  static LoanApplication application;

  @BeforeAll
  static void start() throws InterruptedException {
    dashboard = TestDashboard.get();
    dashboard.awaitLoaded();
    advisor = dashboard.advisor();
    String app = "big-id-" + System.nanoTime();
    decision =
        Decision.newBuilder(dashboard.decisions.get(3))
            .setApplicationId(app)
            .setSKIDCURR(BIG)
            .build();
    application =
        LoanApplication.newBuilder(dashboard.applicants.get(3).application())
            .setApplicationId(app)
            .setSKIDCURR(BIG)
            .build();
    ExplainedDecision explained =
        ExplainedDecision.newBuilder(dashboard.explained.get(3)).setDecision(decision).build();
    try (var p = dashboard.producer()) {
      dashboard.send(p, dashboard.topics.loanApplications(), BIG, application);
      dashboard.send(p, dashboard.topics.decisions(), BIG, decision);
      dashboard.send(p, dashboard.topics.explainedDecisions(), BIG, explained);
      p.flush();
    }
    DashboardView view = dashboard.context.getBean(DashboardView.class);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      var e = view.client(BIG);
      if (e.isPresent()
          && e.get().application() != null
          && e.get().decision() != null
          && e.get().decision().explanation() != null) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the dashboard did not read client " + ID);
  }

  /**
   * The JSON value is this text. (The path assertion's own isEqualTo converts a number to the
   * expected type first, and so would pass on a JSON number.)
   */
  static Consumer<Object> text(String expected) {
    return v -> assertThat(v).isInstanceOf(String.class).isEqualTo(expected);
  }

  @Test
  void theClientFileTheListsAndTheSearchWriteTheIdAsText() {
    advisor
        .get()
        .uri("/api/clients/" + ID)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.clientId")
        .value(text(ID))
        .jsonPath("$.decision.clientId")
        .value(text(ID));
    advisor
        .get()
        .uri("/api/decisions?limit=1000")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[?(@.applicationId == '" + decision.getApplicationId() + "')].clientId")
        .value((List<Object> ids) -> assertThat(ids).containsExactly(ID))
        .jsonPath("$[*].clientId")
        .value((List<Object> ids) -> assertThat(ids).allMatch(String.class::isInstance));
    advisor
        .get()
        .uri("/api/clients?prefix=" + ID.substring(0, 15))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[0].clientId")
        .value(text(ID));
  }

  @Test
  void comparisonsAndWhatIfWriteIdsAsTextAndTheWhatIfReadsThem() {
    advisor
        .get()
        .uri("/api/clients/" + ID + "/similar?k=3")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(3)
        .jsonPath("$[*].clientId")
        .value((List<Object> ids) -> assertThat(ids).allMatch(String.class::isInstance));
    advisor
        .get()
        .uri("/api/clients/" + ID + "/bivariate?x=EXT_SOURCE_2&y=AMT_CREDIT&limit=20")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.client.clientId")
        .value(text(ID))
        .jsonPath("$.points[*].clientId")
        .value((List<Object> ids) -> assertThat(ids).allMatch(String.class::isInstance));
    // The page sends the id as it got it: text.
    advisor
        .post()
        .uri("/api/what-if")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("clientId", ID, "changes", Map.of("AMT_INCOME_TOTAL", 400000)))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.clientId")
        .value(text(ID));
    // A script may still send a whole number; a text that is not an id is named.
    advisor
        .post()
        .uri("/api/what-if")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"clientId\": " + ID + ", \"changes\": {\"AMT_INCOME_TOTAL\": 400000}}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.clientId")
        .value(text(ID));
    for (String bad : List.of("\"12a\"", "\"-5\"", "\"99999999999999999999\"", "1.5")) {
      advisor
          .post()
          .uri("/api/what-if")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"clientId\": " + bad + ", \"changes\": {}}")
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo("clientId");
    }
  }

  @Test
  void theLiveStreamWritesTheIdAsText() {
    ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> type =
        new ParameterizedTypeReference<>() {};
    Decision again =
        Decision.newBuilder(decision).setApplicationId("big-id-again-" + System.nanoTime()).build();
    Flux<ServerSentEvent<Map<String, Object>>> live =
        advisor
            .get()
            .uri("/api/stream")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(type)
            .getResponseBody()
            .filter(e -> e.id() != null);
    ServerSentEvent<Map<String, Object>> got =
        live.doOnSubscribe(
                s ->
                    Flux.just(again)
                        .delaySubscription(Duration.ofMillis(500))
                        .subscribe(
                            x -> {
                              // With its application: the client's file keeps one to change.
                              try (var p = dashboard.producer()) {
                                dashboard.send(
                                    p,
                                    dashboard.topics.loanApplications(),
                                    BIG,
                                    LoanApplication.newBuilder(application)
                                        .setApplicationId(x.getApplicationId())
                                        .build());
                                dashboard.send(p, dashboard.topics.decisions(), BIG, x);
                              }
                            }))
            .filter(e -> again.getApplicationId().equals(e.data().get("applicationId")))
            .blockFirst(Duration.ofSeconds(30));
    assertThat(got).isNotNull();
    assertThat(got.data().get("clientId")).isEqualTo(ID);
  }

  @Test
  void theNewApplicationRouteAnswersTheIdAsText() {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    LoanApplication a = dashboard.applicants.get(4).application();
    for (var f : a.getSchema().getFields()) {
      Object v = a.get(f.pos());
      if (v != null && !f.name().equals("submitted_at") && !f.name().equals("history_announced")) {
        body.put(f.name(), v instanceof CharSequence s ? s.toString() : v);
      }
    }
    body.put("application_id", "big-id-new-" + System.nanoTime());
    body.put("SK_ID_CURR", BIG + 2);
    advisor
        .post()
        .uri("/api/applications")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.SK_ID_CURR")
        .value(text(Long.toString(BIG + 2)));
  }
}
