package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.dashboard.security.AdvisorPassword;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 18's security items on the running dashboard (see {@link TestDashboard}): CSRF for every
 * write with a session, the security headers on every response, the deep link kept through sign-in
 * (and no open redirect), the supervisor's login. The lockout and the load are in {@link
 * LoginLoadTest}, on a dashboard of their own.
 */
class SecurityHardeningTest {

  static TestDashboard dashboard;
  static WebTestClient anonymous;

  @BeforeAll
  static void start() throws InterruptedException {
    dashboard = TestDashboard.get();
    dashboard.awaitLoaded();
    anonymous = dashboard.anonymous();
  }

  /** A browser's session after the login form, and its CSRF token. */
  record Session(String id, String xsrf, String location) {}

  static Session signIn(String user, String password, String deepLink) {
    var page = anonymous.get().uri("/login").exchange().expectBody(String.class).returnResult();
    String token = page.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
    String form =
        "username="
            + user
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8)
            + "&_csrf="
            + token
            + (deepLink == null
                ? ""
                : "&continue=" + URLEncoder.encode(deepLink, StandardCharsets.UTF_8));
    var login =
        anonymous
            .post()
            .uri("/login")
            .cookie("XSRF-TOKEN", token)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .bodyValue(form)
            .exchange()
            .expectStatus()
            .isFound()
            .returnResult(Void.class);
    var session = login.getResponseCookies().getFirst("SESSION");
    return new Session(
        session == null ? null : session.getValue(),
        token,
        login.getResponseHeaders().getFirst(HttpHeaders.LOCATION));
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aWriteWithASessionNeedsTheCsrfTokenWhateverAuthorizationItAlsoCarries() {
    Session s = signIn(AdvisorPassword.USER, TestDashboard.PASSWORD, null);
    assertThat(s.id()).isNotNull();
    // Before the fix any Authorization header skipped the check: "Bearer x" with the session
    // cookie was let through (400, the empty application read), as was valid Basic with it.
    for (String authorization :
        List.of(
            "Bearer anything",
            "Token x",
            "Basic",
            "basic-ish",
            basic(AdvisorPassword.USER, TestDashboard.PASSWORD))) {
      anonymous
          .post()
          .uri("/api/applications")
          .cookie("SESSION", s.id())
          .header(HttpHeaders.AUTHORIZATION, authorization)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{}")
          .exchange()
          .expectStatus()
          .isForbidden();
    }
    // With the token the session's write is read (400: an empty application).
    anonymous
        .post()
        .uri("/api/applications")
        .cookie("SESSION", s.id())
        .cookie("XSRF-TOKEN", s.xsrf())
        .header("X-XSRF-TOKEN", s.xsrf())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isBadRequest();
    // A script that authenticates with Basic and has no session needs no token.
    dashboard
        .advisor()
        .post()
        .uri("/api/applications")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isBadRequest();
  }

  static final Pattern SCRIPT_SRC = Pattern.compile("script-src ([^;]*)");

  static void securityHeaders(EntityExchangeResult<?> r, String what) {
    HttpHeaders h = r.getResponseHeaders();
    String csp = h.getFirst("Content-Security-Policy");
    assertThat(csp)
        .as(what + ": Content-Security-Policy")
        .isNotNull()
        .contains("default-src 'self'");
    Matcher scripts = SCRIPT_SRC.matcher(csp);
    assertThat(scripts.find()).as(what + ": script-src").isTrue();
    assertThat(scripts.group(1).trim())
        .as(what + ": scripts from this site only")
        .isEqualTo("'self'");
    assertThat(csp).contains("object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'");
    assertThat(h.getFirst("Permissions-Policy"))
        .as(what + ": Permissions-Policy")
        .contains("camera=()", "microphone=()", "geolocation=()", "payment=()");
    assertThat(h.getFirst("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
    assertThat(h.getFirst("X-Frame-Options")).as(what).isEqualTo("DENY");
    assertThat(h.getFirst("Referrer-Policy")).as(what).isEqualTo("same-origin");
    assertThat(h.getFirst("Cross-Origin-Opener-Policy")).as(what).isEqualTo("same-origin");
  }

  @Test
  void everyResponseCarriesTheSecurityHeadersAndNoPageRunsAnInlineScript() {
    WebTestClient advisor = dashboard.advisor();
    List<Function<WebTestClient, EntityExchangeResult<String>>> requests =
        List.of(
            c -> anonymous.get().uri("/login").exchange().expectBody(String.class).returnResult(),
            c ->
                anonymous.get().uri("/login.js").exchange().expectBody(String.class).returnResult(),
            c ->
                anonymous
                    .get()
                    .uri("/")
                    .accept(MediaType.TEXT_HTML)
                    .exchange()
                    .expectBody(String.class)
                    .returnResult(),
            c ->
                anonymous
                    .get()
                    .uri("/api/stats")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult(),
            c ->
                anonymous
                    .get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult(),
            c -> advisor.get().uri("/").exchange().expectBody(String.class).returnResult(),
            c -> advisor.get().uri("/api/stats").exchange().expectBody(String.class).returnResult(),
            c ->
                advisor
                    .get()
                    .uri("/api/clients/0")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult());
    for (var request : requests) {
      EntityExchangeResult<String> r = request.apply(advisor);
      securityHeaders(r, r.getMethod() + " " + r.getUrl() + " " + r.getStatus());
    }
    // The pages: every script is a file of this site.
    String login =
        anonymous
            .get()
            .uri("/login")
            .exchange()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    String index =
        advisor.get().uri("/").exchange().expectBody(String.class).returnResult().getResponseBody();
    for (String page : List.of(login, index)) {
      Matcher m = Pattern.compile("<script\\b[^>]*>").matcher(page);
      int scripts = 0;
      while (m.find()) {
        scripts++;
        assertThat(m.group()).as("a script of the page").contains("src=");
      }
      assertThat(scripts).isPositive();
    }
    anonymous
        .get()
        .uri("/login.js")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith("text/javascript")
        .expectBody(String.class)
        .value(js -> assertThat(js).contains("continue", "location.hash"));
  }

  @Test
  void theDeepLinkIsKeptThroughSignInAndOnlyToThisSite() {
    String client = Long.toString(dashboard.decisions.get(0).getSKIDCURR());
    // The form carries the route the browser asked for (login.js puts location.hash into it).
    assertThat(
            anonymous
                .get()
                .uri("/login")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
        .contains("<script src=\"login.js\"", "name=\"continue\"");
    Session s = signIn(AdvisorPassword.USER, TestDashboard.PASSWORD, "#/client/" + client);
    assertThat(s.location()).isEqualTo("/#/client/" + client);
    s =
        signIn(
            AdvisorPassword.USER,
            TestDashboard.PASSWORD,
            "#/what-if/" + client + "?AMT_CREDIT=180000");
    assertThat(s.location()).isEqualTo("/#/what-if/" + client + "?AMT_CREDIT=180000");
    // A wrong password keeps it for the next try.
    s = signIn(AdvisorPassword.USER, "wrong", "#/client/" + client);
    assertThat(s.location()).startsWith("/login?error&continue=");
    String again =
        anonymous
            .get()
            // As it is: a URI template would encode its %23 again.
            .uri(java.net.URI.create("http://localhost:" + dashboard.port + s.location()))
            .exchange()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(again)
        .contains("name=\"continue\" value=\"#/client/" + client + "\"")
        .contains("Wrong user name or password");
    // Never to another site.
    for (String away :
        List.of(
            "//evil.example/#/client/1",
            "https://evil.example/",
            "/\\evil.example",
            "#/client/1\r\nLocation: https://evil.example")) {
      s = signIn(AdvisorPassword.USER, TestDashboard.PASSWORD, away);
      assertThat(s.location()).as(away).doesNotContain("evil").startsWith("/");
      assertThat(s.id()).isNotNull();
    }
  }

  @Test
  void theSupervisorSignsInAndTheAdvisorsPasswordIsNotTheirs() {
    dashboard.supervisor().get().uri("/api/stats").exchange().expectStatus().isOk();
    Session s =
        signIn(
            fr.pretadepenser.scoring.dashboard.security.SupervisorPassword.USER,
            TestDashboard.SUPERVISOR_PASSWORD,
            "#/live");
    assertThat(s.location()).isEqualTo("/#/live");
    anonymous
        .get()
        .uri("/api/stats")
        .header(HttpHeaders.AUTHORIZATION, basic("supervisor", TestDashboard.PASSWORD))
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }
}
