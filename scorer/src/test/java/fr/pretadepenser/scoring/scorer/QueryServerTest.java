package fr.pretadepenser.scoring.scorer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.homecredit.Applicant;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP routes over the stores of a scorer fed through TopologyTestDriver; the routing between
 * instances is faked by the lookup (who owns which client is Kafka Streams' business), and the
 * owner of client {@value #ELSEWHERE} by a plain HTTP server. Two real instances on one broker:
 * {@code QueryAcrossInstancesTest}.
 */
class QueryServerTest {

  static final long ELSEWHERE = 42L;
  static final long UNAVAILABLE = 43L;

  @TempDir(factory = ShmTempDirs.class)
  Path stateDir;

  ScorerHarness scorer;
  QueryServer server;
  HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  ObjectMapper json = new ObjectMapper();
  Applicant applicant;
  Decision published;

  /** Where the client {@link #ELSEWHERE} lives: a port nothing listens on, unless a test says. */
  volatile int ownerPort = closedPort();

  /** A fake owner instance: answers every request with {@code status} and {@code body}. */
  record Owner(com.sun.net.httpserver.HttpServer server, java.util.List<HttpExchangeSeen> seen)
      implements AutoCloseable {
    static Owner answering(int status, byte[] body) throws java.io.IOException {
      com.sun.net.httpserver.HttpServer s =
          com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      java.util.List<HttpExchangeSeen> seen =
          java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      s.createContext(
          "/",
          exchange -> {
            try (exchange) {
              seen.add(
                  new HttpExchangeSeen(
                      exchange.getRequestURI().getPath(),
                      exchange.getRequestHeaders().getFirst("Authorization"),
                      exchange.getRequestHeaders().getFirst(Forwarding.HEADER)));
              exchange.getResponseHeaders().set("Content-Type", "application/json");
              exchange.sendResponseHeaders(status, body.length);
              exchange.getResponseBody().write(body);
            }
          });
      s.start();
      return new Owner(s, seen);
    }

    int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  record HttpExchangeSeen(String path, String authorization, String forwarded) {}

  static int closedPort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A client whose lookup answers with a decision as published, feature vector included. */
  static final long WITH_FEATURES = 424_242L;

  @BeforeEach
  void start() throws Exception {
    FeatureDefinition definition = SampleData.definition();
    scorer = new ScorerHarness(stateDir, ShareOfKnownFeatures.scorer(definition, 0.75));
    applicant = SampleData.applicants(1, a -> a.history().getBureau().size() > 1).get(0);
    scorer.publishHistory(applicant.history());
    scorer.apply(applicant.application());
    published = scorer.readDecisions().get(0);
    server = new QueryServer(new InetSocketAddress("127.0.0.1", 0), PASSWORD);
    server.start(new DriverLookup());
  }

  @AfterEach
  void stop() {
    server.close();
    scorer.close();
  }

  /** The driver's stores, as the one instance owning every client but two. */
  final class DriverLookup implements ClientLookup {
    @Override
    public Lookup<ClientHistory> history(long clientId) {
      if (clientId == ELSEWHERE) {
        return new Lookup.Elsewhere<>("127.0.0.1", ownerPort);
      }
      if (clientId == UNAVAILABLE) {
        return new Lookup.Unavailable<>("rebalancing");
      }
      return new Lookup.Found<>(scorer.storedHistory(clientId));
    }

    @Override
    public Lookup<Decision> decision(long clientId) {
      if (clientId == WITH_FEATURES) {
        return new Lookup.Found<>(published);
      }
      Decision d = scorer.decisionStore().get(clientId);
      return d == null
          ? new Lookup.NotFound<>("no decision for client " + clientId)
          : new Lookup.Found<>(d);
    }

    @Override
    public Lookup<String> health() {
      return new Lookup.Found<>("RUNNING");
    }
  }

  static final String PASSWORD = "scorer-test-password";

  /** A GET as the advisor (HTTP Basic). */
  HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Authorization", basic("advisor", PASSWORD))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> anonymous(String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String basic(String user, String password) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aClientsHistoryAndDecisionNeedTheLoginAndHealthIsPublic() throws Exception {
    for (String route : java.util.List.of("history", "decision")) {
      String path = "/clients/" + applicant.clientId() + "/" + route;
      HttpResponse<String> none = anonymous(path, null);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
      assertThat(none.body()).doesNotContain(Long.toString(applicant.clientId()) + "\",");
      assertThat(anonymous(path, basic("advisor", "wrong")).statusCode()).isEqualTo(401);
      assertThat(anonymous(path, basic("someone", PASSWORD)).statusCode()).isEqualTo(401);
      assertThat(anonymous(path, basic("advisor", PASSWORD)).statusCode()).isEqualTo(200);
    }
    assertThat(anonymous("/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void historyIsTheStoredHistoryAsPlainJson() throws Exception {
    HttpResponse<String> response = get("/clients/" + applicant.clientId() + "/history");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("SK_ID_CURR").asLong()).isEqualTo(applicant.clientId());
    assertThat(body.get("bureau")).hasSize(applicant.history().getBureau().size());
    assertThat(body.get("instalments")).hasSize(applicant.history().getInstalments().size());
    assertThat(body.get("bureau").get(0).get("SK_ID_BUREAU").asLong())
        .isEqualTo(applicant.history().getBureau().get(0).getSKIDBUREAU());
  }

  @Test
  void decisionIsTheLatestStoredWithoutItsFeatureVector() throws Exception {
    HttpResponse<String> response = get("/clients/" + applicant.clientId() + "/decision");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("application_id").asText()).isEqualTo(published.getApplicationId());
    assertThat(body.get("decision").asText()).isEqualTo(published.getDecision().name());
    assertThat(body.get("probability").asDouble()).isEqualTo(published.getProbability());
    assertThat(body.get("model_version").asText()).isEqualTo(published.getModelVersion());
    assertThat(body.get("decided_at").asText()).isEqualTo(published.getDecidedAt().toString());
    assertThat(body.get("features")).isEmpty();
    assertThat(published.getFeatures()).isNotEmpty();
  }

  @Test
  void decisionKeepsMissingFeaturesAsNaNStrings() throws Exception {
    HttpResponse<String> response = get("/clients/" + WITH_FEATURES + "/decision");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    Decision d = published;
    assertThat(body.get("application_id").asText()).isEqualTo(d.getApplicationId());
    JsonNode features = body.get("features");
    assertThat(features).hasSize(d.getFeatures().size());
    for (int i = 0; i < features.size(); i++) {
      float expected = d.getFeatures().get(i);
      JsonNode f = features.get(i);
      if (Float.isNaN(expected)) {
        assertThat(f.asText()).isEqualTo("NaN");
      } else {
        assertThat((float) f.asDouble()).as("feature %d", i).isEqualTo(expected);
      }
    }
  }

  @Test
  void aClientWithoutDecisionIs404() throws Exception {
    HttpResponse<String> response = get("/clients/7/decision");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json.readTree(response.body()).get("error").asText())
        .isEqualTo("no decision for client 7");
  }

  @Test
  void aClientOwnedElsewhereIsAskedOfItsOwnerWithTheCallersLogin() throws Exception {
    byte[] body = "{\"SK_ID_CURR\":42,\"from\":\"the owner\"}".getBytes(UTF_8);
    try (Owner owner = Owner.answering(200, body)) {
      ownerPort = owner.port();
      HttpResponse<String> response = get("/clients/" + ELSEWHERE + "/history");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(new String(body, UTF_8));
      assertThat(response.headers().firstValue(Forwarding.OWNER_HEADER))
          .hasValue("127.0.0.1:" + owner.port());
      assertThat(owner.seen())
          .containsExactly(
              new HttpExchangeSeen("/clients/42/history", basic("advisor", PASSWORD), "1"));
    }
  }

  @Test
  void theOwnersRefusalsArePassedOnAsTheyAre() throws Exception {
    try (Owner owner = Owner.answering(404, "{\"error\":\"no decision\"}".getBytes(UTF_8))) {
      ownerPort = owner.port();
      HttpResponse<String> response = get("/clients/" + ELSEWHERE + "/history");
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).isEqualTo("{\"error\":\"no decision\"}");
    }
  }

  @Test
  void anOwnerThatDoesNotAnswerGives503WithRetryAfterNot404() throws Exception {
    HttpResponse<String> response = get("/clients/" + ELSEWHERE + "/history");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(json.readTree(response.body()).get("error").asText())
        .contains("the instance holding client 42 (127.0.0.1:" + ownerPort + ") did not answer");
  }

  @Test
  void aForwardedRequestIsNeverForwardedAgain() throws Exception {
    try (Owner owner = Owner.answering(200, "{}".getBytes(UTF_8))) {
      ownerPort = owner.port();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + server.port()
                              + "/clients/"
                              + ELSEWHERE
                              + "/history"))
                  .header("Authorization", basic("advisor", PASSWORD))
                  .header(Forwarding.HEADER, "1")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(owner.seen()).isEmpty();
    }
  }

  @Test
  void anOwnersAnswerBeyondTheBoundIsRefused() throws Exception {
    try (Owner owner = Owner.answering(200, new byte[Forwarding.MAX_BODY_BYTES + 1])) {
      ownerPort = owner.port();
      HttpResponse<String> response = get("/clients/" + ELSEWHERE + "/history");
      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(json.readTree(response.body()).get("error").asText())
          .contains("exceeds " + Forwarding.MAX_BODY_BYTES + " bytes");
    }
  }

  @Test
  void storesNotReadyGive503WithRetryAfter() throws Exception {
    HttpResponse<String> response = get("/clients/" + UNAVAILABLE + "/history");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
  }

  @Test
  void healthAndBadRequests() throws Exception {
    assertThat(get("/health").body()).isEqualTo("{\"state\":\"RUNNING\"}");
    assertThat(get("/clients/abc/history").statusCode()).isEqualTo(404);
    assertThat(get("/clients/9999999999999999999/history").statusCode()).isEqualTo(400);
    assertThat(get("/clients/1/other").statusCode()).isEqualTo(404);
    HttpResponse<String> post =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }
}
