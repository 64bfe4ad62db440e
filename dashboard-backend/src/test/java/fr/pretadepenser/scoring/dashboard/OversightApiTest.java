package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.schemas.audit.ChainVerifier;
import fr.pretadepenser.scoring.schemas.audit.TrailTopic;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Human oversight over HTTP on the running dashboard and the embedded broker: the review queue, an
 * advisor deciding a case in review, the 400s naming the field in both languages, the 403 of an
 * advisor on an automatic decision, a supervisor's override, taking a case, the client file's final
 * decision and trail, and the chain on {@code decision-overrides} verified.
 */
class OversightApiTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** Cases in review published by this test: three clients of their own. */
  static final List<Decision> REVIEWS = new ArrayList<>();

  static TestDashboard dashboard;

  @BeforeAll
  static void publishReviewCases() throws Exception {
    dashboard = TestDashboard.get();
    dashboard.awaitLoaded();
    if (!REVIEWS.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    String run = UUID.randomUUID().toString().substring(0, 8);
    try (var producer = dashboard.producer()) {
      for (int i = 0; i < 3; i++) {
        Decision d = Decision.newBuilder(dashboard.decisions.get(10 + i)).build();
        d.setApplicationId("review-" + run + "-" + i);
        // Ids above 2^53, apart from the other tests' clients on the shared dashboard (a later
        // decision of the same client would take its file).
        d.setSKIDCURR(9_007_199_254_741_101L + i + 10L * (REVIEWS.size()));
        d.setDecision(DecisionOutcome.REVIEW);
        d.setProbability(0.10 + 0.05 * i);
        // Oldest first: case 0 was decided first.
        d.setDecidedAt(now.minusSeconds(600 - 60L * i));
        REVIEWS.add(d);
        dashboard.send(producer, dashboard.topics.decisions(), d.getSKIDCURR(), d);
      }
      producer.flush();
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode q = get(dashboard.advisor(), "/api/review-queue?size=100");
      if (ids(q).containsAll(REVIEWS.stream().map(d -> d.getApplicationId()).toList())) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the review cases did not reach the queue");
  }

  static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : page.get("items")) {
      out.add(item.get("application_id").stringValue());
    }
    return out;
  }

  static JsonNode get(WebTestClient client, String uri) {
    return JSON.readTree(
        client
            .get()
            .uri(uri)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody());
  }

  static WebTestClient.ResponseSpec post(
      WebTestClient client, String uri, String body, String language) {
    var spec =
        client
            .post()
            .uri(uri)
            .header("Accept-Language", language)
            .contentType(MediaType.APPLICATION_JSON);
    return body == null ? spec.exchange() : spec.bodyValue(body).exchange();
  }

  static JsonNode body(WebTestClient.ResponseSpec response, int status) {
    return JSON.readTree(
        response
            .expectStatus()
            .isEqualTo(status)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody());
  }

  static String override(String decision, String category, String reason) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    if (decision != null) {
      m.put("decision", decision);
    }
    if (category != null) {
      m.put("category", category);
    }
    if (reason != null) {
      m.put("reason", reason);
    }
    return JSON.writeValueAsString(m);
  }

  @Test
  void theQueueListsCasesInReviewOldestFirstWithFilters() {
    JsonNode page = get(dashboard.advisor(), "/api/review-queue?size=100");
    List<String> ids = ids(page);
    List<String> ours = REVIEWS.stream().map(d -> d.getApplicationId().toString()).toList();
    // Oldest decision first, whatever else other tests put in the queue.
    List<String> inOrder = ids.stream().filter(ours::contains).toList();
    assertThat(inOrder).isEqualTo(ours.stream().filter(inOrder::contains).toList());
    // Case 2 stays in review (no test decides it).
    JsonNode last = page.get("items").get(ids.indexOf(ours.get(2)));
    // Above 2^53: a string, exact.
    assertThat(last.get("client_id").isString()).isTrue();
    assertThat(last.get("client_id").stringValue())
        .isEqualTo(Long.toString(REVIEWS.get(2).getSKIDCURR()));
    assertThat(ids(get(dashboard.advisor(), "/api/review-queue?min_risk=0.14&max_risk=0.16")))
        .contains(REVIEWS.get(1).getApplicationId().toString())
        .doesNotContain(ours.get(0), ours.get(2));
    assertThat(get(dashboard.advisor(), "/api/review-queue?size=1").get("items")).hasSize(1);
    // Only decisions: the automatic grants and refusals are not in the queue.
    assertThat(ids).doesNotContain(dashboard.decisions.get(0).getApplicationId().toString());
    JsonNode bad =
        body(
            dashboard
                .advisor()
                .get()
                .uri("/api/review-queue?size=1000&taken=maybe")
                .header("Accept-Language", "fr")
                .exchange(),
            400);
    assertThat(bad.toString()).contains("size").contains("taken").contains("doit valoir");
  }

  @Test
  void anOverrideWithoutAGoodReasonCategoryOrDecisionIsRefusedNamingTheField() {
    String uri = "/api/decisions/" + REVIEWS.get(2).getApplicationId() + "/override";
    JsonNode en =
        body(post(dashboard.advisor(), uri, override("GRANTED", "OTHER", null), "en"), 400);
    assertThat(en.get("errors").get(0).get("field").stringValue()).isEqualTo("reason");
    assertThat(en.get("errors").get(0).get("message").stringValue()).startsWith("is required");
    JsonNode fr =
        body(post(dashboard.advisor(), uri, override("GRANTED", "OTHER", "   "), "fr"), 400);
    assertThat(fr.get("errors").get(0).get("field").stringValue()).isEqualTo("reason");
    assertThat(fr.get("errors").get(0).get("message").stringValue()).startsWith("est obligatoire");
    JsonNode tooLong =
        body(
            post(dashboard.advisor(), uri, override("GRANTED", "OTHER", "x".repeat(2001)), "en"),
            400);
    assertThat(tooLong.toString()).contains("at most 2000 characters (it has 2001)");
    JsonNode all =
        body(post(dashboard.advisor(), uri, override("MAYBE", "BECAUSE", "ok"), "fr"), 400);
    assertThat(all.toString())
        .contains("\"field\":\"decision\"")
        .contains("\"field\":\"category\"")
        .contains("OTHER");
    body(post(dashboard.advisor(), uri, null, "en"), 400);
    body(post(dashboard.advisor(), uri, "[1]", "en"), 400);
    // Nothing was recorded by any of these.
    JsonNode trail =
        get(dashboard.advisor(), "/api/decisions/" + REVIEWS.get(2).getApplicationId() + "/trail");
    assertThat(trail.get("entries")).isEmpty();
    assertThat(trail.get("final_decision").stringValue()).isEqualTo("REVIEW");
  }

  @Test
  void anAdvisorDecidesACaseInReviewAndTheFileShowsIt() throws Exception {
    Decision review = REVIEWS.get(0);
    String uri = "/api/decisions/" + review.getApplicationId() + "/override";
    JsonNode entry =
        body(
            post(
                dashboard.advisor(),
                uri,
                override("GRANTED", "INCOME_VERIFIED", "Three payslips seen, income confirmed"),
                "en"),
            201);
    assertThat(entry.get("action").stringValue()).isEqualTo("DECIDE_REVIEW");
    assertThat(entry.get("from_decision").stringValue()).isEqualTo("REVIEW");
    assertThat(entry.get("to_decision").stringValue()).isEqualTo("GRANTED");
    assertThat(entry.get("actor").stringValue()).isEqualTo("advisor");
    assertThat(entry.get("actor_role").stringValue()).isEqualTo("ADVISOR");
    assertThat(entry.get("client_id").stringValue()).isEqualTo(Long.toString(review.getSKIDCURR()));
    assertThat(entry.get("probability").doubleValue()).isEqualTo(review.getProbability());
    assertThat(entry.get("model_version").stringValue())
        .isEqualTo(review.getModelVersion().toString());
    assertThat(entry.get("hash").stringValue()).hasSize(64);
    Instant.parse(entry.get("at").stringValue());

    // Decided: out of the queue; the trail and the client file show it.
    assertThat(ids(get(dashboard.advisor(), "/api/review-queue?size=100")))
        .doesNotContain(review.getApplicationId().toString());
    JsonNode trail =
        get(dashboard.advisor(), "/api/decisions/" + review.getApplicationId() + "/trail");
    assertThat(trail.get("automatic_decision").stringValue()).isEqualTo("REVIEW");
    assertThat(trail.get("final_decision").stringValue()).isEqualTo("GRANTED");
    JsonNode file = get(dashboard.advisor(), "/api/clients/" + review.getSKIDCURR());
    assertThat(file.get("final_decision").stringValue()).isEqualTo("GRANTED");
    assertThat(file.get("trail").get(0).get("reason").stringValue())
        .isEqualTo("Three payslips seen, income confirmed");

    // Now decided, changing it again is an override: the advisor may not, the supervisor may.
    JsonNode forbidden =
        body(
            post(dashboard.advisor(), uri, override("REFUSED", "OTHER", "changed my mind"), "fr"),
            403);
    assertThat(forbidden.get("error").stringValue()).startsWith("seul un superviseur");
    body(post(dashboard.supervisor(), uri, override("GRANTED", "OTHER", "same"), "en"), 409);

    // On Kafka: the chain holds, and holds this entry.
    List<DecisionOverride> onTopic = new ArrayList<>();
    ChainVerifier.Verdict verdict = verify(onTopic);
    assertThat(verdict.valid()).as(verdict.json()).isTrue();
    assertThat(onTopic)
        .anySatisfy(
            e ->
                assertThat(e.getOverrideId().toString())
                    .isEqualTo(entry.get("override_id").stringValue()));
  }

  @Test
  void onlyASupervisorOverridesAnAutomaticDecision() throws Exception {
    Decision automatic = dashboard.decisions.get(30);
    String to = automatic.getDecision() == DecisionOutcome.GRANTED ? "REFUSED" : "GRANTED";
    String uri = "/api/decisions/" + automatic.getApplicationId() + "/override";
    JsonNode en =
        body(
            post(dashboard.advisor(), uri, override(to, "DATA_ERROR", "Income typed wrong"), "en"),
            403);
    assertThat(en.get("error").stringValue()).startsWith("only a supervisor may override");
    JsonNode entry =
        body(
            post(
                dashboard.supervisor(),
                uri,
                override(to, "DATA_ERROR", "Income typed wrong"),
                "en"),
            201);
    assertThat(entry.get("action").stringValue()).isEqualTo("OVERRIDE");
    assertThat(entry.get("actor").stringValue()).isEqualTo("supervisor");
    assertThat(entry.get("actor_role").stringValue()).isEqualTo("SUPERVISOR");
    assertThat(entry.get("from_decision").stringValue()).isEqualTo(automatic.getDecision().name());
    JsonNode file = get(dashboard.advisor(), "/api/clients/" + automatic.getSKIDCURR());
    assertThat(file.get("final_decision").stringValue()).isEqualTo(to);
    assertThat(file.get("decision").get("decision").stringValue())
        .isEqualTo(automatic.getDecision().name());
    body(
        post(
            dashboard.advisor(),
            "/api/decisions/no-such-application/override",
            override("GRANTED", "OTHER", "x"),
            "en"),
        404);
    ChainVerifier.Verdict verdict = verify(new ArrayList<>());
    assertThat(verdict.valid()).as(verdict.json()).isTrue();
  }

  @Test
  void takingACaseMarksItInTheQueue() {
    Decision review = REVIEWS.get(1);
    String uri = "/api/decisions/" + review.getApplicationId() + "/take";
    JsonNode entry = body(post(dashboard.advisor(), uri, null, "en"), 201);
    assertThat(entry.get("action").stringValue()).isEqualTo("TAKE");
    assertThat(entry.get("to_decision").stringValue()).isEqualTo("REVIEW");
    body(post(dashboard.advisor(), uri, null, "en"), 409);
    assertThat(ids(get(dashboard.advisor(), "/api/review-queue?taken=taken&mine=true&size=100")))
        .contains(review.getApplicationId().toString());
    assertThat(ids(get(dashboard.supervisor(), "/api/review-queue?mine=true&size=100")))
        .doesNotContain(review.getApplicationId().toString());
    assertThat(ids(get(dashboard.advisor(), "/api/review-queue?taken=untaken&size=100")))
        .doesNotContain(review.getApplicationId().toString());
    // A grant is not in review: nothing to take.
    body(
        post(
            dashboard.advisor(),
            "/api/decisions/" + dashboard.decisions.get(3).getApplicationId() + "/take",
            null,
            "en"),
        409);
  }

  static ChainVerifier.Verdict verify(List<DecisionOverride> into) throws IOException {
    ChainVerifier v = new ChainVerifier();
    TrailTopic.read(
        dashboard.kafka.bootstrapServers(),
        dashboard.topics.decisionOverrides(),
        Duration.ofSeconds(30),
        new TrailTopic.Visitor() {
          @Override
          public void entry(DecisionOverride entry) {
            into.add(entry);
            v.accept(entry);
          }

          @Override
          public void unreadable(long offset, String why) {
            v.unreadable(why);
          }
        });
    return v.verdict();
  }
}
