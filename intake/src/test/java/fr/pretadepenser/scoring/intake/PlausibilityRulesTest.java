package fr.pretadepenser.scoring.intake;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.schemas.ApplicationRules;
import fr.pretadepenser.scoring.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * Issue 18, item 4: {@code POST /api/applications} as the intake mounts it answers 400 for each
 * plausibility rule, naming the field to change and the rule's code, with the message in the
 * request's language. The cases are in {@code plausibility-cases.json}, which the dashboard's
 * {@code PlausibilityTest} reads too (the New application form and the what-if). Before the rules,
 * the 12-year-old, income of 1e308, 2^31−1 children and 240 KB organisation were 202.
 *
 * <p>No broker: nothing listens where Kafka should be, so a case the rules let through would be
 * answered 503, not 400.
 */
class PlausibilityRulesTest {

  /** The case table, shared with dashboard-backend's PlausibilityTest. */
  static final Path CASES = Path.of("src", "test", "resources", "plausibility-cases.json");

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final ParameterizedTypeReference<Map<String, List<Map<String, String>>>> ERRORS =
      new ParameterizedTypeReference<>() {};

  private static ApplicationPublisher publisher;
  private static WebTestClient http;

  @BeforeAll
  static void mount() {
    publisher =
        new ApplicationPublisher(
            "localhost:" + freePort(),
            "plausibility-test",
            Topics.withPrefix("plausibility-test.").loanApplications(),
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

  /** The cases of {@code file}. */
  static List<JsonNode> cases(Path file) {
    try {
      List<JsonNode> out = new ArrayList<>();
      MAPPER.readTree(Files.readString(file)).get("cases").forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code base} with the case's changes: {@code "x*N"} with {@code repeat} is N x's, a string with
   * {@code rawNumber} is a JSON number too large for a double.
   */
  static ObjectNode changed(ObjectNode base, JsonNode c) {
    ObjectNode out = base.deepCopy();
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

  static Stream<Arguments> casesInBothLanguages() {
    return cases(CASES).stream()
        .flatMap(
            c ->
                Stream.of("en", "fr")
                    .map(lang -> Arguments.of(c.get("rule").stringValue(), lang, c)));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("casesInBothLanguages")
  void eachRuleIsA400NamingTheFieldAndTheRuleInTheRequestsLanguage(
      String rule, String lang, JsonNode c) {
    ObjectNode base =
        MAPPER.valueToTree(SampleData.asJson(SampleData.data().applicant(2).application()));
    Map<String, List<Map<String, String>>> body =
        http.post()
            .uri("/api/applications")
            .header("Accept-Language", lang)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(changed(base, c).toString())
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody(ERRORS)
            .returnResult()
            .getResponseBody();
    assertThat(body.get("errors"))
        .containsExactly(
            Map.of(
                "field", c.get("field").stringValue(),
                "rule", rule,
                "message", c.get(lang).stringValue()));
  }

  @Test
  void everyRuleHasACase() {
    Set<String> covered = new TreeSet<>();
    cases(CASES).forEach(c -> covered.add(c.get("rule").stringValue()));
    assertThat(covered)
        .containsAll(Arrays.stream(ApplicationRules.Rule.values()).map(Enum::name).toList())
        .contains(ApplicationJson.TYPE, ApplicationJson.UNKNOWN_FIELD);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
