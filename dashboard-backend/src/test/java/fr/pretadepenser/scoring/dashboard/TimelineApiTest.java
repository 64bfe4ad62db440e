package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.LoanOutcome;
import fr.pretadepenser.scoring.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/clients/{id}/timeline} on the running dashboard: a client above 2^53 with two
 * applications, their decisions, an explanation, a supervisor's override (through the oversight
 * route, onto {@code decision-overrides}) and a loan outcome, all read from the topics and given
 * back oldest first with the score's trend; 404 and 400.
 */
class TimelineApiTest {

  /** 2^53 + 1: a double (a browser's number) cannot hold it. */
  // Above 2^53 (odd: no double holds it), and no other test's client on the shared dashboard.
  static final long CLIENT = 9_007_199_254_741_201L;

  static TestDashboard dashboard;
  static final Instant T0 = Instant.parse("2026-03-02T08:30:00Z");
  static Decision first;
  static Decision second;

  @BeforeAll
  static void publish() throws Exception {
    dashboard = TestDashboard.get();
    dashboard.awaitLoaded();
    Topics topics = dashboard.topics;
    Decision model = dashboard.decisions.get(0);
    ExplainedDecision explainedModel = dashboard.explained.get(0);
    LoanApplication a1 = application(dashboard.applicants.get(0).application(), "tl-1", T0);
    LoanApplication a2 =
        application(dashboard.applicants.get(0).application(), "tl-2", T0.plusSeconds(86_400));
    first = decision(model, "tl-1", T0.plusSeconds(2));
    second = decision(model, "tl-2", T0.plusSeconds(86_402));
    ExplainedDecision x =
        ExplainedDecision.newBuilder(explainedModel)
            .setDecision(first)
            .setExplainedAt(T0.plusSeconds(3))
            .build();
    LoanOutcome outcome =
        LoanOutcome.newBuilder()
            .setSKIDCURR(CLIENT)
            .setApplicationId("tl-1")
            .setDefaulted(false)
            .setKnownAt(T0.plusSeconds(86_400 * 120))
            .build();
    try (var producer = dashboard.producer()) {
      // Not in time order: the outcome first, the second application before the first.
      dashboard.send(producer, topics.loanOutcomes(), CLIENT, outcome);
      dashboard.send(producer, topics.loanApplications(), CLIENT, a2);
      dashboard.send(producer, topics.decisions(), CLIENT, second);
      dashboard.send(producer, topics.explainedDecisions(), CLIENT, x);
      dashboard.send(producer, topics.loanApplications(), CLIENT, a1);
      dashboard.send(producer, topics.decisions(), CLIENT, first);
      producer.flush();
    }
    awaitEvents(6);
    // The supervisor's override goes through the oversight route, as an advisor's would: its
    // entry is sealed on the one hash chain of decision-overrides (a record written here by hand
    // would break the chain the oversight tests share) and read back by the timeline.
    String to = first.getDecision() == DecisionOutcome.GRANTED ? "REFUSED" : "GRANTED";
    dashboard
        .supervisor()
        .post()
        .uri("/api/decisions/tl-1/override")
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"decision\":\""
                + to
                + "\",\"category\":\"INCOME_VERIFIED\","
                + "\"reason\":\"Payslips of the last three months checked\"}")
        .exchange()
        .expectStatus()
        .isCreated();
    awaitEvents(7);
  }

  private static void awaitEvents(int n) throws InterruptedException {
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode t = timeline("en", 200);
      if (t != null && t.get("events").size() >= n) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the timeline did not reach " + n + " events: " + timeline("en", 200));
  }

  static LoanApplication application(LoanApplication model, String id, Instant at) {
    return LoanApplication.newBuilder(model)
        .setApplicationId(id)
        .setSKIDCURR(CLIENT)
        .setSubmittedAt(at)
        .build();
  }

  static Decision decision(Decision model, String id, Instant at) {
    return Decision.newBuilder(model)
        .setApplicationId(id)
        .setSKIDCURR(CLIENT)
        .setDecisionId("decision-" + id)
        .setReceivedAt(at.minusMillis(200))
        .setDecidedAt(at)
        .build();
  }

  /** The timeline as JSON, null when the status is not {@code status}'s. */
  static JsonNode timeline(String lang, int status) {
    var result =
        dashboard
            .advisor()
            .get()
            .uri("/api/clients/" + CLIENT + "/timeline")
            .header("Accept-Language", lang)
            .exchange()
            .expectBody(String.class)
            .returnResult();
    if (result.getStatus().value() != status) {
      return null;
    }
    return JsonMapper.builder().build().readTree(result.getResponseBody());
  }

  @Test
  void everyEventOfTheClientOldestFirstWithTheTrend() {
    String raw =
        dashboard
            .advisor()
            .get()
            .uri("/api/clients/" + CLIENT + "/timeline")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    // The id as a string, digit for digit (a browser would round a JSON number this large).
    assertThat(raw).contains("\"client_id\":\"" + CLIENT + "\"");
    JsonNode t = JsonMapper.builder().build().readTree(raw);
    List<String> kinds = new ArrayList<>();
    List<String> ats = new ArrayList<>();
    for (JsonNode e : t.get("events")) {
      kinds.add(e.get("kind").asString() + ":" + e.get("application_id").asString());
      ats.add(e.get("at").asString());
    }
    assertThat(kinds)
        .containsExactly(
            "APPLICATION:tl-1",
            "DECISION:tl-1",
            "EXPLANATION:tl-1",
            "APPLICATION:tl-2",
            "DECISION:tl-2",
            "OUTCOME:tl-1",
            "OVERRIDE:tl-1");
    assertThat(ats.stream().map(Instant::parse).toList()).isSorted();
    JsonNode events = t.get("events");
    assertThat(events.get(0).get("application").get("AMT_CREDIT").asDouble())
        .isEqualTo(dashboard.applicants.get(0).application().getAMTCREDIT());
    assertThat(events.get(1).get("decision").get("probability").asDouble())
        .isEqualTo(first.getProbability());
    assertThat(events.get(1).get("decision").get("decision_id").asString())
        .isEqualTo("decision-tl-1");
    assertThat(events.get(2).get("reasons").size()).isBetween(1, 4);
    // Recorded now, after the outcome of March's data.
    JsonNode o = events.get(6).get("override");
    assertThat(o.get("actor").asString()).isEqualTo("supervisor");
    assertThat(o.get("actor_role").asString()).isEqualTo("SUPERVISOR");
    assertThat(o.get("reason").asString()).isEqualTo("Payslips of the last three months checked");
    assertThat(o.get("category").asString()).isEqualTo("INCOME_VERIFIED");
    assertThat(o.get("from_decision").asString()).isEqualTo(first.getDecision().name());
    assertThat(events.get(5).get("defaulted").asBoolean()).isFalse();
    // The trend: each decision's probability, oldest first.
    JsonNode trend = t.get("trend");
    assertThat(trend.size()).isEqualTo(2);
    assertThat(trend.get(0).get("application_id").asString()).isEqualTo("tl-1");
    assertThat(trend.get(1).get("application_id").asString()).isEqualTo("tl-2");
    assertThat(trend.get(1).get("probability").asDouble()).isEqualTo(second.getProbability());
    assertThat(trend.get(0).get("threshold").asDouble()).isEqualTo(first.getThreshold());
    assertThat(t.get("dropped").asLong()).isZero();
    assertThat(t.get("events_kept").asInt()).isEqualTo(64);
    // Reasons in the request's language.
    String en = events.get(2).get("reasons").get(0).get("label").asString();
    String fr =
        timeline("fr", 200).get("events").get(2).get("reasons").get(0).get("label").asString();
    assertThat(en).isNotBlank();
    assertThat(fr).isNotBlank().isNotEqualTo(en);
  }

  @Test
  void unknownClientIs404InTheRequestsLanguageAndABadId400() {
    for (Map.Entry<String, String> lang :
        Map.of("en", "no client 424242 has a timeline here", "fr", "le client 424242 n'a pas")
            .entrySet()) {
      dashboard
          .advisor()
          .get()
          .uri("/api/clients/424242/timeline")
          .header("Accept-Language", lang.getKey())
          .exchange()
          .expectStatus()
          .isNotFound()
          .expectBody()
          .jsonPath("$.error")
          .value(m -> assertThat((String) m).startsWith(lang.getValue()));
    }
    dashboard
        .advisor()
        .get()
        .uri("/api/clients/abc/timeline")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("id");
    dashboard
        .anonymous()
        .get()
        .uri("/api/clients/" + CLIENT + "/timeline")
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }
}
