package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.model.metrics.Metrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo as a user runs it: {@code bin/scoring demo} in its own process, from an empty work
 * directory (so it splits the sample and trains), then through the dashboard's API every replayed
 * applicant must have exactly one explained decision equal to {@code bin/scoring score} on the same
 * bundle, the monitoring page's realised AUC must equal the AUC of those probabilities on the
 * applicants' real outcomes, and Ctrl-C must stop it with exit status 0 and nothing left running.
 *
 * <p>Run by failsafe after the runnable jar is packaged ({@code mvn verify}); about two minutes.
 */
class DemoSmokeIT {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final String PASSWORD = "smoke-test-password";
  static final Duration START = Duration.ofMinutes(5);
  static final Duration DECIDE = Duration.ofMinutes(5);
  static final Pattern URL = Pattern.compile("http://localhost:(\\d+)/");

  @TempDir Path work;

  final JsonMapper json = JsonMapper.builder().build();
  final HttpClient http = HttpClient.newHttpClient();
  Process demo;

  @AfterEach
  void killLeftovers() {
    if (demo != null && demo.isAlive()) {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
  }

  @Test
  void everyReplayedApplicantGetsOneExplainedDecisionEqualToScoreAndCtrlCStopsEverything()
      throws Exception {
    Path workdir = work.resolve("demo");
    Path log = Path.of("target", "demo-smoke.log").toAbsolutePath();
    ProcessBuilder pb =
        new ProcessBuilder(
                ROOT.resolve("bin/scoring").toString(),
                "demo",
                "--port",
                "0",
                "--workdir",
                workdir.toString(),
                "--rate",
                "100",
                "--outcomes-after",
                "0")
            .directory(ROOT.toFile())
            .redirectError(log.toFile());
    pb.environment().put("SCORING_ADVISOR_PASSWORD", PASSWORD);
    demo = pb.start();

    int port = awaitStartLine(demo);
    String base = "http://localhost:" + port;

    Map<Long, Double> scored = score(workdir);
    assertThat(scored).as("the demo's new applicants").hasSizeGreaterThan(500);

    JsonNode stats = awaitExplained(base, scored.size());
    assertThat(stats.get("decisions").asLong()).isEqualTo(scored.size());
    assertThat(stats.get("explained").asLong()).isEqualTo(scored.size());
    assertThat(stats.get("deadLetters").asLong()).isZero();

    JsonNode recent = get(base + "/api/decisions?limit=1000");
    Set<Long> seen = new HashSet<>();
    for (JsonNode d : recent) {
      assertThat(seen.add(d.get("clientId").asLong()))
          .as("one decision for client %s", d.get("clientId"))
          .isTrue();
    }
    assertThat(seen).isEqualTo(scored.keySet());

    Map<Long, String> differences = new LinkedHashMap<>();
    int thinFile = 0;
    int reviews = 0;
    for (Map.Entry<Long, Double> e : scored.entrySet()) {
      JsonNode file = get(base + "/api/clients/" + e.getKey());
      JsonNode decision = file.get("decision");
      // Issue 21: the demo's applicant without history (and any sample one) says so.
      if ("thin_file".equals(decision.path("scoring_model").asText())) {
        thinFile++;
        assertThat(decision.path("scoring_model_reason").asText()).isEqualTo("NO_HISTORY_REPORTED");
        assertThat(decision.path("history_presence")).hasSize(5);
        for (JsonNode source : decision.path("history_presence")) {
          assertThat(source.path("status").asText()).isEqualTo("REPORTED_NONE");
        }
      }
      assertThat(decision.get("explained").asBoolean()).as("client %s", e.getKey()).isTrue();
      assertThat(file.get("explanation").isNull()).as("client %s", e.getKey()).isFalse();
      double streamed = decision.get("probability").asDouble();
      if (!(Math.abs(streamed - e.getValue()) <= 1e-12)) {
        differences.put(e.getKey(), streamed + " streamed vs " + e.getValue() + " scored");
      }
      // The same rule and review band in the demo's scorer as in bin/scoring score's default.
      String word = decision.get("decision").asText();
      if (!word.equals(scoredDecisions.get(e.getKey()))) {
        differences.put(e.getKey(), word + " streamed vs " + scoredDecisions.get(e.getKey()));
      }
      reviews += word.equals("REVIEW") ? 1 : 0;
      // The full model's card always has a band on the sample; the thin-file model's has one
      // when its own out-of-fold costs leave room for it (ReviewBands.choose).
      if (!"thin_file".equals(decision.path("scoring_model").asText())) {
        assertThat(decision.get("review_low").isNull())
            .as("client %s: the demo runs with its bundle's review band", e.getKey())
            .isFalse();
      }
    }
    assertThat(thinFile).as("thin-file decisions of the demo").isGreaterThanOrEqualTo(1);
    System.out.printf("demo: %d REVIEW decisions of %d%n", reviews, scored.size());
    // The demo runs with the band on: some applicants go to an advisor.
    assertThat(reviews).isPositive();
    assertThat(differences.size())
        .as(
            "decisions that differ from bin/scoring score, of %d; the first: %s",
            scored.size(), differences.entrySet().stream().limit(10).toList())
        .isZero();

    // Issue 8: after the replay the demo publishes the applicants' real outcomes; the monitoring
    // page's realised AUC must be the AUC of bin/scoring score's probabilities on those outcomes.
    Map<Long, Integer> targets = targets(workdir.resolve("data/new"));
    double[] p = new double[targets.size()];
    int[] y = new int[targets.size()];
    int i = 0;
    for (Map.Entry<Long, Integer> t : targets.entrySet()) {
      p[i] = scored.get(t.getKey());
      y[i++] = t.getValue();
    }
    double offline = Metrics.auc(p, y);
    JsonNode latest = awaitOutcomes(base, targets.size());
    assertThat(latest.get("realisedAuc").asDouble()).isCloseTo(offline, within(1e-12));
    assertThat(latest.get("windowDecisions").asInt()).isEqualTo(scored.size());

    stopLikeCtrlC(demo, port);
  }

  /** TARGET of every applicant of the demo's new-applicant folder. */
  private static Map<Long, Integer> targets(Path data) {
    HomeCreditData d = HomeCreditData.load(data, Instant.now());
    Map<Long, Integer> out = new HashMap<>();
    for (int i = 0; i < d.size(); i++) {
      out.put(d.applicant(i).clientId(), d.applicant(i).target());
    }
    return out;
  }

  /** The latest monitoring snapshot once it counts every outcome. */
  private JsonNode awaitOutcomes(String base, int expected) throws Exception {
    Instant deadline = Instant.now().plus(DECIDE);
    JsonNode monitoring = null;
    while (Instant.now().isBefore(deadline)) {
      monitoring = get(base + "/api/monitoring");
      JsonNode latest = monitoring.get("latest");
      if (latest != null && !latest.isNull() && latest.get("outcomesKnown").asInt() >= expected) {
        return latest;
      }
      Thread.sleep(1_000);
    }
    return fail(
        "realised performance after %s: %s, %d outcomes expected", DECIDE, monitoring, expected);
  }

  /** The demo's one line on standard output, with the URL and the login. */
  private int awaitStartLine(Process p) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String l; (l = out.readLine()) != null; ) {
                  if (l.startsWith("Demo running")) {
                    return l;
                  }
                }
                return null;
              } catch (IOException e) {
                return null;
              }
            });
    String started = line.get(START.toSeconds(), TimeUnit.SECONDS);
    assertThat(started).as("the demo's start line (see target/demo-smoke.log)").isNotNull();
    // The password came from the environment: the log names where it came from, never the secret.
    assertThat(started)
        .contains("login advisor, password from SCORING_ADVISOR_PASSWORD")
        .doesNotContain(PASSWORD);
    Matcher m = URL.matcher(started);
    assertThat(m.find()).as(started).isTrue();
    // Keep reading, so a full pipe never blocks the demo.
    CompletableFuture.runAsync(
        () -> {
          try {
            while (out.readLine() != null) {
              // discarded
            }
          } catch (IOException e) {
            // the demo stopped
          }
        });
    return Integer.parseInt(m.group(1));
  }

  /** bin/scoring score's decision word (GRANTED, REVIEW, REFUSED) by client id. */
  private final Map<Long, String> scoredDecisions = new HashMap<>();

  /** bin/scoring score on the demo's bundle and new applicants: client id → probability. */
  private Map<Long, Double> score(Path workdir) throws Exception {
    Path out = work.resolve("score.csv");
    Process p =
        new ProcessBuilder(
                ROOT.resolve("bin/scoring").toString(),
                "score",
                "--model",
                workdir.resolve("bundle").toString(),
                "--data",
                workdir.resolve("data/new").toString(),
                "--out",
                out.toString())
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("score.log").toFile())
            .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(work.resolve("score.log"))).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).startsWith("SK_ID_CURR,probability,");
    Map<Long, Double> scored = new HashMap<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] cells = l.split(",");
      assertThat(scored.put(Long.parseLong(cells[0]), Double.parseDouble(cells[1]))).isNull();
      scoredDecisions.put(Long.parseLong(cells[0]), cells[2]);
    }
    return scored;
  }

  private JsonNode awaitExplained(String base, int expected) throws Exception {
    Instant deadline = Instant.now().plus(DECIDE);
    JsonNode stats = null;
    while (Instant.now().isBefore(deadline)) {
      assertThat(demo.isAlive()).as("the demo is still running").isTrue();
      stats = get(base + "/api/stats");
      if (stats.get("explained").asLong() >= expected) {
        // One more second: a duplicate would arrive right behind.
        Thread.sleep(1_000);
        return get(base + "/api/stats");
      }
      Thread.sleep(1_000);
    }
    return fail("explained decisions after %s: %s, %d expected", DECIDE, stats, expected);
  }

  private JsonNode get(String url) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString(("advisor:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + auth)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  /**
   * SIGINT, as Ctrl-C sends, unless the demo was started ignoring it (a CI runner's background
   * job): then SIGTERM, which the demo handles the same way.
   */
  private void stopLikeCtrlC(Process p, int port) throws Exception {
    List<ProcessHandle> children = p.descendants().toList();
    String signal = ignores(p.pid(), 2) ? "-TERM" : "-INT";
    Process kill = new ProcessBuilder("kill", signal, Long.toString(p.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the demo stops after %s", signal).isTrue();
    assertThat(p.exitValue()).as("exit status after %s", signal).isZero();
    for (ProcessHandle child : children) {
      assertThat(child.isAlive()).as("child %s", child.info().commandLine()).isFalse();
    }
    String marker = work.toString();
    List<String> leftovers =
        ProcessHandle.allProcesses()
            .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
            .map(h -> h.pid() + " " + h.info().commandLine().orElse(""))
            .toList();
    assertThat(leftovers).as("processes still using the demo's work directory").isEmpty();
    try (Socket s = new Socket("localhost", port)) {
      fail("the dashboard still listens on port %d", port);
    } catch (ConnectException expected) {
      // closed, as it should be
    }
  }

  /** Whether process {@code pid} ignores signal {@code number} (Linux's SigIgn mask). */
  private static boolean ignores(long pid, int number) throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (l.startsWith("SigIgn:")) {
        long mask = Long.parseUnsignedLong(l.substring(7).trim(), 16);
        return (mask & (1L << (number - 1))) != 0;
      }
    }
    return false;
  }
}
