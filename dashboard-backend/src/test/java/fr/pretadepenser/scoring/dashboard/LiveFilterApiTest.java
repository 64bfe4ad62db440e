package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Live list's filters and paging over HTTP (issue 18: "the Live list has no filters or
 * paging"): {@code GET /api/decisions/page} and the stream filtered alike.
 */
class LiveFilterApiTest {

  static TestDashboard dashboard;
  static WebTestClient advisor;
  static final JsonMapper JSON = JsonMapper.builder().build();

  @BeforeAll
  static void start() throws InterruptedException {
    dashboard = TestDashboard.get();
    dashboard.awaitLoaded();
    advisor = dashboard.advisor();
  }

  static JsonNode get(String uri) {
    return JSON.readTree(
        advisor
            .get()
            .uri(uri)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody());
  }

  /** A decision for an existing client, as the scorer would decide it with a review band. */
  static Decision review(String app) {
    Decision d = dashboard.decisions.get(11);
    return Decision.newBuilder(d)
        .setApplicationId(app)
        .setDecision(DecisionOutcome.REVIEW)
        .setProbability(d.getThreshold() * 1.02)
        .setReviewLow(d.getThreshold() * 0.8)
        .setReviewHigh(d.getThreshold() * 1.3)
        .build();
  }

  @Test
  void pagesCountWhatPassesTheFilterAndEveryDecisionIsInOneDecisionFilter() throws Exception {
    String app = "filter-review-" + System.nanoTime();
    try (var p = dashboard.producer()) {
      Decision d = review(app);
      dashboard.send(p, dashboard.topics.decisions(), d.getSKIDCURR(), d);
      p.flush();
    }
    DashboardView view = dashboard.context.getBean(DashboardView.class);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (view.recent(10_000).stream().noneMatch(r -> r.applicationId().equals(app))
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    JsonNode all = get("/api/decisions/page?size=10");
    int total = all.get("total").asInt();
    assertThat(total).isGreaterThanOrEqualTo(TestDashboard.CLIENTS);
    assertThat(all.get("kept").asInt()).isGreaterThanOrEqualTo(total);
    assertThat(all.get("items")).hasSize(10);
    assertThat(all.get("page").asInt()).isZero();
    assertThat(all.get("size").asInt()).isEqualTo(10);

    int sum = 0;
    for (String decision : List.of("GRANTED", "REFUSED", "REVIEW")) {
      JsonNode one = get("/api/decisions/page?size=100&decision=" + decision.toLowerCase());
      sum += one.get("total").asInt();
      for (JsonNode item : one.get("items")) {
        assertThat(item.get("decision").asString()).isEqualTo(decision);
      }
    }
    assertThat(sum).isEqualTo(total);

    JsonNode reviews = get("/api/decisions/page?decision=REVIEW&review=pending&band=high&size=100");
    assertThat(reviews.get("items").findValuesAsString("applicationId")).contains(app);
    assertThat(
            get("/api/decisions/page?decision=REVIEW&band=low")
                .get("items")
                .findValuesAsString("applicationId"))
        .doesNotContain(app);
    assertThat(
            get("/api/decisions/page?review=automatic&size=100")
                .get("items")
                .findValuesAsString("applicationId"))
        .doesNotContain(app);

    // Newest decided first, and the pages follow each other without overlap.
    JsonNode first = get("/api/decisions/page?size=7&page=0");
    JsonNode second = get("/api/decisions/page?size=7&page=1");
    List<String> times = new java.util.ArrayList<>();
    for (JsonNode page : List.of(first, second)) {
      for (JsonNode item : page.get("items")) {
        times.add(item.get("decidedAt").asString());
      }
    }
    assertThat(times).hasSize(14);
    assertThat(times)
        .isSortedAccordingTo(
            (a, b) -> java.time.Instant.parse(b).compareTo(java.time.Instant.parse(a)));
    assertThat(first.get("items").findValuesAsString("applicationId"))
        .doesNotContainAnyElementsOf(second.get("items").findValuesAsString("applicationId"));
    // The filtered list without a count, as before.
    assertThat(
            JSON.readTree(
                    advisor
                        .get()
                        .uri("/api/decisions?decision=REVIEW&limit=1000")
                        .exchange()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .findValuesAsString("decision"))
        .containsOnly("REVIEW");
  }

  @Test
  void badParametersAreNamedInTheAdvisorsLanguage() {
    for (String query :
        List.of("decision=MAYBE", "band=medium", "review=later", "page=-1", "size=0", "size=101")) {
      String field = query.substring(0, query.indexOf('='));
      advisor
          .get()
          .uri("/api/decisions/page?" + query)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo(field);
    }
    advisor
        .get()
        .uri("/api/decisions/page?band=medium")
        .header("Accept-Language", "fr")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].message")
        .isEqualTo(
            "doit valoir une ou plusieurs de ces valeurs, séparées par des virgules : low,"
                + " moderate, high, very_high");
    advisor
        .get()
        .uri("/api/stream?decision=MAYBE")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("decision");
  }

  @Test
  void theStreamSendsOnlyWhatPassesItsFilter() {
    ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> type =
        new ParameterizedTypeReference<>() {};
    Decision granted =
        Decision.newBuilder(dashboard.decisions.get(12))
            .setApplicationId("filter-granted-" + System.nanoTime())
            .setDecision(DecisionOutcome.GRANTED)
            .setProbability(0.001)
            .build();
    Decision inReview = review("filter-stream-review-" + System.nanoTime());
    Flux<ServerSentEvent<Map<String, Object>>> live =
        advisor
            .get()
            .uri("/api/stream?decision=REVIEW")
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
                    Flux.just(granted, inReview)
                        .delaySubscription(Duration.ofMillis(500))
                        .subscribe(
                            x -> {
                              try (var p = dashboard.producer()) {
                                dashboard.send(p, dashboard.topics.decisions(), x.getSKIDCURR(), x);
                                p.flush();
                              }
                            }))
            .blockFirst(Duration.ofSeconds(30));
    assertThat(got).isNotNull();
    // The grant was published first: a stream without the filter would have sent it first.
    assertThat(got.data()).containsEntry("applicationId", inReview.getApplicationId());
    assertThat(got.data()).containsEntry("decision", "REVIEW");
  }
}
