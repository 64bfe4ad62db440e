package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.model.ModelCard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What-if latency as an advisor sees it, run by hand (docs/BENCHMARKS.md, "Dashboard"): {@code
 * -Ddashboard.whatif.requests=N} sends N what-ifs one after the other over HTTP (JSON, French
 * texts) to the test dashboard, each for another of its clients with the income raised by a tenth,
 * after a warm-up of 100, as a browser does (the login form's session, the CSRF token), then N/10
 * as a script does (HTTP Basic, whose password check runs on every request). It prints the
 * client-side percentiles and the server's own timer ({@code dashboard.what.if}: feature
 * definition, ONNX twice, SHAP and reasons twice).
 */
@EnabledIfSystemProperty(named = "dashboard.whatif.requests", matches = "\\d+")
class WhatIfLatencyTest {

  @Test
  void whatIfLatency() throws Exception {
    int n = Integer.getInteger("dashboard.whatif.requests");
    TestDashboard dashboard = TestDashboard.get();
    dashboard.awaitLoaded();
    WebTestClient browser = browserSession(dashboard);
    WebTestClient script = dashboard.advisor();
    for (int i = 0; i < 100; i++) {
      whatIf(browser, dashboard, i);
    }
    Timer server = dashboard.context.getBean(MeterRegistry.class).get("dashboard.what.if").timer();
    ModelCard card;
    try (ModelBundle bundle = ModelBundle.load(TestData.bundle())) {
      card = bundle.card();
    }
    System.out.printf(
        Locale.ROOT,
        "what-if latency, model %d trees, %d leaves, %d features%n",
        card.nTrees(),
        card.nLeaves(),
        card.nFeatures());
    measure("browser session", browser, dashboard, server, n);
    measure("HTTP Basic", script, dashboard, server, Math.max(1, n / 10));
  }

  private static void measure(
      String how, WebTestClient client, TestDashboard dashboard, Timer server, int n)
      throws java.io.IOException {
    long serverCountBefore = server.count();
    double serverTotalBefore = server.totalTime(TimeUnit.MICROSECONDS);
    long[] micros = new long[n];
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      whatIf(client, dashboard, 100 + i);
      micros[i] = (System.nanoTime() - start) / 1000;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Arrays.sort(micros);
    long serverCount = server.count() - serverCountBefore;
    double serverMean = (server.totalTime(TimeUnit.MICROSECONDS) - serverTotalBefore) / serverCount;
    System.out.printf(
        Locale.ROOT,
        "what-if latency (%s): %d requests in %.1f s (%.0f/s, one at a time); client side p50"
            + " %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; server timer mean %.2f ms over %d;"
            + " load average %s%n",
        how,
        n,
        seconds,
        n / seconds,
        percentile(micros, 0.50) / 1000.0,
        percentile(micros, 0.95) / 1000.0,
        percentile(micros, 0.99) / 1000.0,
        micros[n - 1] / 1000.0,
        serverMean / 1000.0,
        serverCount,
        Files.readString(Path.of("/proc/loadavg")).trim());
    assertThat(serverCount).isEqualTo(n);
  }

  /** Logs in through the form, as a browser does: the session cookie and the CSRF token. */
  private static WebTestClient browserSession(TestDashboard dashboard) {
    WebTestClient anonymous = dashboard.anonymous();
    var page = anonymous.get().uri("/login").exchange().expectBody(String.class).returnResult();
    String token =
        page.getResponseBody().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
    String loginCookie = page.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
    String session =
        anonymous
            .post()
            .uri("/login")
            .cookie("XSRF-TOKEN", loginCookie)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .bodyValue("username=advisor&password=" + TestDashboard.PASSWORD + "&_csrf=" + token)
            .exchange()
            .expectStatus()
            .isFound()
            .returnResult(Void.class)
            .getResponseCookies()
            .getFirst("SESSION")
            .getValue();
    String csrf =
        anonymous
            .get()
            .uri("/api/stats")
            .cookie("SESSION", session)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseCookies()
            .getFirst("XSRF-TOKEN")
            .getValue();
    return anonymous
        .mutate()
        .defaultCookie("SESSION", session)
        .defaultCookie("XSRF-TOKEN", csrf)
        .defaultHeader("X-XSRF-TOKEN", csrf)
        .defaultHeader("X-Requested-With", "XMLHttpRequest")
        .build();
  }

  private static void whatIf(WebTestClient advisor, TestDashboard dashboard, int i) {
    int k = i % (TestDashboard.CLIENTS - 1);
    Decision d = dashboard.decisions.get(k);
    double income = dashboard.applicants.get(k).application().getAMTINCOMETOTAL();
    Map<?, ?> result =
        advisor
            .post()
            .uri("/api/what-if")
            .header("Accept-Language", "fr")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                Map.of(
                    "clientId",
                    d.getSKIDCURR(),
                    "changes",
                    Map.of("AMT_INCOME_TOTAL", income * 1.1)))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    // The original, scored again, is the decision on record to the bit: the measured path is the
    // real one.
    double decided =
        dashboard
            .context
            .getBean(DashboardView.class)
            .client(d.getSKIDCURR())
            .orElseThrow()
            .decision()
            .probability();
    assertThat(((Number) ((Map<?, ?>) result.get("original")).get("probability")).doubleValue())
        .isEqualTo(decided);
  }

  private static long percentile(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  }
}
