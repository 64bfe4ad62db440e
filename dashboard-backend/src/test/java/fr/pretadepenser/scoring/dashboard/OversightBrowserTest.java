package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.schemas.audit.ChainVerifier;
import fr.pretadepenser.scoring.schemas.audit.TrailFile;
import fr.pretadepenser.scoring.schemas.audit.TrailTopic;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Human oversight in a real Chromium at 390 px ({@code dashboard-frontend/e2e/oversight.e2e.mjs}),
 * then on Kafka: a decision in REVIEW is published; the browser finds it in the queue, takes it, is
 * refused an override without a reason (the message by the field, English and French) and records
 * one with a reason, which the client file's trail shows. Then the entry is on {@code
 * decision-overrides}, the trail verifies (the code of {@code bin/scoring audit verify}), and a
 * copy exported as {@code audit export} does, with one byte of that entry's reason changed, fails
 * at that entry's sequence. Screenshots go to {@code dashboard-frontend/target/screenshots}.
 */
class OversightBrowserTest {

  static final Path FRONTEND = Path.of("..", "dashboard-frontend").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @Test
  void aCaseInReviewIsDecidedInChromiumAndTheTrailVerifies() throws Exception {
    TestDashboard dashboard = TestDashboard.get();
    dashboard.awaitLoaded();
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Decision> cases = new ArrayList<>();
    Instant now = Instant.now();
    try (var producer = dashboard.producer()) {
      for (int i = 0; i < 3; i++) {
        Decision d = Decision.newBuilder(dashboard.decisions.get(40 + i)).build();
        d.setApplicationId("browser-review-" + run + "-" + i);
        d.setSKIDCURR(7_700_000_000L + i);
        d.setDecision(DecisionOutcome.REVIEW);
        // The first is the oldest: at the top of the queue.
        d.setDecidedAt(now.minusSeconds(3600 - 60L * i));
        cases.add(d);
        dashboard.send(producer, dashboard.topics.decisions(), d.getSKIDCURR(), d);
      }
      producer.flush();
    }
    Decision review = cases.get(0);
    String reason = "Payslips for three months seen, income confirmed " + run;

    Path log = FRONTEND.resolve("target").resolve("oversight-e2e.log");
    Files.createDirectories(log.getParent());
    ProcessBuilder node =
        new ProcessBuilder("node", "e2e/oversight.e2e.mjs")
            .directory(FRONTEND.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    node.environment().put("DASHBOARD_URL", "http://localhost:" + dashboard.port + "/");
    node.environment().put("DASHBOARD_PASSWORD", TestDashboard.PASSWORD);
    node.environment().put("REVIEW_CLIENT", Long.toString(review.getSKIDCURR()));
    node.environment().put("REVIEW_APPLICATION", review.getApplicationId().toString());
    node.environment().put("REVIEW_REASON", reason);
    node.environment()
        .put("SCREENSHOTS", FRONTEND.resolve("target").resolve("screenshots").toString());
    Process p = node.start();
    boolean done = p.waitFor(6, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    System.out.println(out);
    assertThat(done).as("the browser test finished in time").isTrue();
    assertThat(p.exitValue()).as("browser test output:%n%s", out).isZero();
    assertThat(out).contains("every check passed");

    // On the topic, read_committed: the TAKE and the decision with its reason.
    List<DecisionOverride> onTopic = new ArrayList<>();
    TrailTopic.read(
        dashboard.kafka.bootstrapServers(),
        dashboard.topics.decisionOverrides(),
        Duration.ofSeconds(30),
        new TrailTopic.Visitor() {
          @Override
          public void entry(DecisionOverride entry) {
            onTopic.add(entry);
          }

          @Override
          public void unreadable(long offset, String why) {
            throw new AssertionError("unreadable trail record at " + offset + ": " + why);
          }
        });
    DecisionOverride decided =
        onTopic.stream()
            .filter(e -> e.getReason().toString().equals(reason))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the override is not on the topic"));
    assertThat(decided.getApplicationId().toString())
        .isEqualTo(review.getApplicationId().toString());
    assertThat(decided.getToDecision()).isEqualTo(DecisionOutcome.GRANTED);
    assertThat(decided.getActor().toString()).isEqualTo("advisor");
    assertThat(onTopic)
        .anySatisfy(
            e -> {
              assertThat(e.getApplicationId().toString())
                  .isEqualTo(review.getApplicationId().toString());
              assertThat(e.getAction().name()).isEqualTo("TAKE");
            });

    // audit verify passes on the topic...
    ChainVerifier.Verdict verdict =
        TrailTopic.verify(
            dashboard.kafka.bootstrapServers(),
            dashboard.topics.decisionOverrides(),
            Duration.ofSeconds(30));
    assertThat(verdict.valid()).as(verdict.json()).isTrue();
    assertThat(verdict.entries()).isEqualTo(onTopic.size());

    // ... and on its exported copy; one byte of the override's reason changed in the copy breaks
    // the chain at that entry.
    Path copy = tmp.resolve("trail.jsonl");
    try (Writer w = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
      TrailTopic.export(
          dashboard.kafka.bootstrapServers(),
          dashboard.topics.decisionOverrides(),
          Duration.ofSeconds(30),
          w);
    }
    try (var in = Files.newBufferedReader(copy)) {
      assertThat(TrailFile.verify(in).valid()).isTrue();
    }
    byte[] bytes = Files.readAllBytes(copy);
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("Payslips for three months");
    assertThat(at).isPositive();
    bytes[at] ^= 0x01; // 'P' becomes 'Q'
    Path tampered = tmp.resolve("tampered.jsonl");
    Files.write(tampered, bytes);
    try (var in = Files.newBufferedReader(tampered)) {
      ChainVerifier.Verdict broken = TrailFile.verify(in);
      assertThat(broken.valid()).isFalse();
      assertThat(broken.firstBroken()).isEqualTo(decided.getSequence());
      assertThat(broken.reason()).contains("was changed");
    }
  }
}
