package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 17, item 6: the messages of the API's 400s and 404s are in the request's language, the
 * field names kept. Before the fix, a French page showed "must be > 0" next to a French label.
 */
class ErrorLanguageTest {

  /** Words of the English messages that a French message never holds. */
  static final Pattern ENGLISH =
      Pattern.compile(
          "\\b(must|is|are|required|between|number|whole|field|cannot|known|not a|empty|string"
              + "|one of|digits|name of)\\b");

  static TestDashboard dashboard;
  static WebTestClient advisor;

  @BeforeAll
  static void start() throws InterruptedException {
    dashboard = TestDashboard.get();
    dashboard.awaitLoaded();
    advisor = dashboard.advisor();
  }

  @Test
  void aBadWhatIfInFrenchIsAnsweredInFrench() {
    Map<String, Object> body =
        Map.of(
            "clientId",
            dashboard.decisions.get(0).getSKIDCURR(),
            "changes",
            Map.of("AMT_INCOME_TOTAL", -5, "AMT_CREDIT", "a lot", "FOO", 1));
    Map<String, String> fr = errors(post("/api/what-if", body, "fr-FR,fr;q=0.9"));
    assertThat(fr).containsOnlyKeys("AMT_INCOME_TOTAL", "AMT_CREDIT", "FOO");
    assertThat(fr.get("AMT_INCOME_TOTAL")).isEqualTo("doit être > 0");
    assertThat(fr.get("AMT_CREDIT")).isEqualTo("doit être un nombre, pas une chaîne");
    assertFrench(fr);
    // English stays English.
    assertThat(errors(post("/api/what-if", body, "en")).get("AMT_INCOME_TOTAL"))
        .isEqualTo("must be > 0");
    assertFrench(errors(post("/api/what-if", Map.of("changes", 3), "fr")));
    assertThat(
            advisor
                .post()
                .uri("/api/what-if")
                .header("Accept-Language", "fr")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("clientId", 999999999, "changes", Map.of()))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("error"))
        .asString()
        .contains("999999999")
        .doesNotContainPattern(ENGLISH);
  }

  @Test
  void aBadNewApplicationInFrenchIsAnsweredInFrench() {
    Map<String, Object> application = new LinkedHashMap<>();
    var a = dashboard.applicants.get(3).application();
    for (var f : a.getSchema().getFields()) {
      Object v = a.get(f.pos());
      if (v != null && !f.name().equals("submitted_at") && !f.name().equals("application_id")) {
        application.put(f.name(), v instanceof CharSequence s ? s.toString() : v);
      }
    }
    application.put("AMT_CREDIT", -1);
    application.put("CNT_CHILDREN", 1.5);
    application.put("CODE_GENDER", "X");
    application.remove("NAME_CONTRACT_TYPE");
    application.put("NOT_A_FIELD", 1);
    Map<String, String> fr = errors(post("/api/applications", application, "fr"));
    assertThat(fr)
        .containsOnlyKeys(
            "NAME_CONTRACT_TYPE", "CODE_GENDER", "AMT_CREDIT", "CNT_CHILDREN", "NOT_A_FIELD");
    assertThat(fr.get("NAME_CONTRACT_TYPE")).isEqualTo("est obligatoire");
    assertThat(fr.get("CODE_GENDER")).isEqualTo("doit être l’une des valeurs M, F, XNA");
    assertFrench(fr);
    assertThat(errors(post("/api/applications", application, null)).get("AMT_CREDIT"))
        .isEqualTo("must be > 0");
  }

  @Test
  void badParametersInFrenchAreAnsweredInFrench() {
    assertFrench(errors(get("/api/clients?prefix=abc&limit=0")));
    assertFrench(
        errors(
            get(
                "/api/clients/"
                    + dashboard.decisions.get(0).getSKIDCURR()
                    + "/bivariate?x=NOPE&y=NOPE")));
    assertFrench(errors(get("/api/clients/abc")));
    assertFrench(errors(get("/api/decisions?limit=x")));
  }

  static WebTestClient.ResponseSpec post(String uri, Object body, String language) {
    return advisor
        .post()
        .uri(uri)
        .headers(
            h -> {
              if (language != null) {
                h.set("Accept-Language", language);
              }
            })
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  static WebTestClient.ResponseSpec get(String uri) {
    return advisor.get().uri(uri).header("Accept-Language", "fr").exchange();
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> errors(WebTestClient.ResponseSpec response) {
    Map<String, Object> body =
        response
            .expectStatus()
            .isBadRequest()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    Map<String, String> out = new LinkedHashMap<>();
    for (Map<String, String> e : (List<Map<String, String>>) body.get("errors")) {
      out.put(e.get("field"), e.get("message"));
    }
    return out;
  }

  static void assertFrench(Map<String, String> errors) {
    assertThat(errors).isNotEmpty();
    errors.forEach(
        (field, message) -> assertThat(message).as(field).doesNotContainPattern(ENGLISH));
  }
}
