package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.LoanApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 18, item 4, on the dashboard: the New application form's {@code POST /api/applications} and
 * {@code POST /api/what-if} answer 400 for each plausibility rule, naming the field to change and
 * the rule, in the advisor's language. The cases are the intake's ({@code
 * intake/src/test/resources/plausibility-cases.json}), so the three routes are held to one table.
 * Before the rules, the what-if scored 80 years in the job for a 50-year-old (and lowered the risk)
 * and the form published the 12-year-old.
 */
class PlausibilityTest {

  static final Path CASES =
      Path.of("..", "intake", "src", "test", "resources", "plausibility-cases.json");

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final ParameterizedTypeReference<Map<String, List<Map<String, String>>>> ERRORS =
      new ParameterizedTypeReference<>() {};

  static TestDashboard dashboard;
  static WebTestClient advisor;

  @BeforeAll
  static void start() throws InterruptedException {
    dashboard = TestDashboard.get();
    dashboard.awaitLoaded();
    advisor = dashboard.advisor();
  }

  static List<JsonNode> cases() {
    try {
      List<JsonNode> out = new ArrayList<>();
      MAPPER.readTree(Files.readString(CASES)).get("cases").forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The case's changes as JSON: "x*N" with repeat is N x's, rawNumber a number beyond double. */
  static ObjectNode changes(JsonNode c) {
    ObjectNode out = MAPPER.createObjectNode();
    for (Map.Entry<String, JsonNode> e : c.get("changes").properties()) {
      JsonNode v = e.getValue();
      if (c.path("repeat").asBoolean(false)) {
        String[] spec = v.stringValue().split("\\*");
        out.put(e.getKey(), spec[0].repeat(Integer.parseInt(spec[1])));
      } else if (c.path("rawNumber").asBoolean(false)) {
        out.put(e.getKey(), new BigDecimal(v.stringValue()));
      } else {
        out.set(e.getKey(), v);
      }
    }
    return out;
  }

  static Stream<Arguments> formCases() {
    return cases().stream()
        .flatMap(
            c -> Stream.of("en", "fr").map(l -> Arguments.of(c.get("rule").stringValue(), l, c)));
  }

  static Stream<Arguments> whatIfCases() {
    return formCases().filter(a -> ((JsonNode) a.get()[2]).get("whatIf").asBoolean());
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("formCases")
  void theFormsRouteNamesTheFieldAndTheRuleInTheAdvisorsLanguage(
      String rule, String lang, JsonNode c) {
    ObjectNode application = json(dashboard.applicants.get(5).application());
    application.setAll(changes(c));
    assertThat(refused("/api/applications", application, lang))
        .containsExactly(expected(rule, lang, c));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("whatIfCases")
  void theWhatIfRefusesAnImplausibleChangeNamingTheFieldAndTheRule(
      String rule, String lang, JsonNode c) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("clientId", dashboard.decisions.get(0).getSKIDCURR());
    body.set("changes", changes(c));
    assertThat(refused("/api/what-if", body, lang)).containsExactly(expected(rule, lang, c));
  }

  private static Map<String, String> expected(String rule, String lang, JsonNode c) {
    return Map.of(
        "field", c.get("field").stringValue(), "rule", rule, "message", c.get(lang).stringValue());
  }

  private static List<Map<String, String>> refused(String uri, ObjectNode body, String lang) {
    return advisor
        .post()
        .uri(uri)
        .header("Accept-Language", lang)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body.toString())
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody(ERRORS)
        .returnResult()
        .getResponseBody()
        .get("errors");
  }

  /** The application as the form would send it: no id (generated), submitted now. */
  private static ObjectNode json(LoanApplication a) {
    ObjectNode out = MAPPER.createObjectNode();
    for (Schema.Field f : a.getSchema().getFields()) {
      Object v = a.get(f.pos());
      if (v == null || f.name().equals("application_id") || v instanceof Instant) {
        continue;
      }
      out.set(f.name(), MAPPER.valueToTree(v instanceof CharSequence s ? s.toString() : v));
    }
    return out;
  }
}
