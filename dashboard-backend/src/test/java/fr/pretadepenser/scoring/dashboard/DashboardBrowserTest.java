package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.model.ModelService;
import fr.pretadepenser.scoring.dashboard.monitoring.MonitoringEvents;
import fr.pretadepenser.scoring.dashboard.monitoring.MonitoringView;
import fr.pretadepenser.scoring.events.AlertKind;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.MonitoringSnapshot;
import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.scorer.ScorerConfig;
import fr.pretadepenser.scoring.scorer.ScorerService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in a real Chromium (Debian's {@code chromium} through npm {@code playwright-core}):
 * the running dashboard on the embedded broker with the real Kafka Streams scorer deciding new
 * applications. The browser part is {@code dashboard-frontend/e2e/dashboard.e2e.mjs}: log in, see
 * decisions arrive live, open a client (gauge, waterfall), a what-if that changes the score, a new
 * application whose decision arrives, the model page, the Monitoring page (after monitoring
 * snapshots and alerts are published), French, no console error and no serious or critical axe-core
 * violation; screenshots go to {@code dashboard-frontend/target/screenshots}.
 */
class DashboardBrowserTest {

  static final int MONITORED = 50;
  static final int DRIFTED = 28;

  static final Path FRONTEND = Path.of("..", "dashboard-frontend").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @Test
  void theAdvisorsJourneyInChromium() throws Exception {
    TestDashboard dashboard = TestDashboard.get();
    dashboard.awaitLoaded();
    try (ModelBundle bundle = ModelBundle.load(TestData.bundle());
        ScorerService scorer =
            ScorerService.start(
                ScorerConfig.defaults(dashboard.kafka.bootstrapServers())
                    .withApplicationId(dashboard.topics.decisions().name() + "-scorer")
                    .withStateDir(tmp.resolve("state"))
                    .withThreads(1)
                    .withCommitIntervalMs(200)
                    .withTopics(dashboard.topics),
                ApplicationScorer.of(bundle),
                null,
                2)) {
      Map<String, Object> application = new LinkedHashMap<>();
      var a = dashboard.applicants.get(7).application();
      for (var f : a.getSchema().getFields()) {
        Object v = a.get(f.pos());
        // A new client (id below) has no history: it announces none, or the scorer would wait.
        if (v != null
            && !f.name().equals("submitted_at")
            && !f.name().equals("application_id")
            && !f.name().equals("history_announced")) {
          application.put(f.name(), v instanceof CharSequence s ? s.toString() : v);
        }
      }
      application.put("SK_ID_CURR", 991234L);
      // The monitor's last six minutes, as MonitorService publishes them for this model: drift
      // growing to 28 of 50 features, the approval rate falling away from training's, realised
      // AUC once outcomes arrive.
      MonitoringView monitoring = dashboard.context.getBean(MonitoringView.class);
      long snapshotsBefore = monitoring.snapshots();
      long alertsBefore = monitoring.alertCount();
      ModelService model = dashboard.context.getBean(ModelService.class);
      List<String> features =
          model.features().stream().map(FeatureInfo::name).limit(MONITORED).toList();
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      List<MonitoringSnapshot> snapshots = new ArrayList<>();
      int[] drifted = {2, 4, 9, 17, 24, DRIFTED};
      for (int i = 0; i < drifted.length; i++) {
        Set<String> drifting = new HashSet<>();
        for (int k = 0; k < drifted[i]; k++) {
          drifting.add(features.get((k * 7) % MONITORED));
        }
        snapshots.add(
            MonitoringEvents.snapshot(
                model.version(),
                now.minusSeconds(60L * (drifted.length - 1 - i)),
                features,
                drifting,
                0.71 - 0.03 * i,
                0.72,
                i < 2 ? 0 : 150 * (i - 1),
                i < 2 ? null : 0.75 - 0.01 * i));
      }
      // The latest snapshot's fairness by group: one family status flagged by the four-fifths rule.
      snapshots
          .get(snapshots.size() - 1)
          .setFairness(
              List.of(
                  MonitoringApiTest.fairness("gender", "F", 620, 0.74, 0.5, 1.0, false),
                  MonitoringApiTest.fairness("gender", "M", 380, 0.66, 0.6, 0.89, false),
                  MonitoringApiTest.fairness(
                      "family_status", "Married", 640, 0.75, 0.5, 1.0, false),
                  MonitoringApiTest.fairness(
                      "family_status", "Separated", 120, 0.55, 0.7, 0.73, true)));
      // The alerts as the monitor raises them, when their condition starts to hold: the approval
      // rate 13 points below training's one snapshot before the last, then the data set's drift.
      dashboard.publishMonitoring(
          snapshots,
          List.of(
              MonitoringEvents.alert(
                  model.version(),
                  now.minusSeconds(60),
                  AlertKind.APPROVAL_RATE,
                  0.59,
                  0.10,
                  "Approval rate 59.0% over the last 1000 decisions, 72.0% expected from training"),
              MonitoringEvents.alert(
                  model.version(),
                  now,
                  AlertKind.DATASET_DRIFT,
                  (double) DRIFTED / MONITORED,
                  0.5,
                  "Data drift: 28 of 50 features (56%) of the last 1000 applicants differ from the"
                      + " training population")));
      dashboard.awaitMonitoring(snapshotsBefore + snapshots.size(), alertsBefore + 2);
      Path log = FRONTEND.resolve("target").resolve("e2e.log");
      Files.createDirectories(log.getParent());
      ProcessBuilder node =
          new ProcessBuilder("node", "e2e/dashboard.e2e.mjs")
              .directory(FRONTEND.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      node.environment().put("DASHBOARD_URL", "http://localhost:" + dashboard.port + "/");
      node.environment().put("DASHBOARD_PASSWORD", TestDashboard.PASSWORD);
      node.environment()
          .put("DASHBOARD_CLIENT", Long.toString(dashboard.decisions.get(0).getSKIDCURR()));
      node.environment()
          .put(
              "DASHBOARD_APPLICATION",
              JsonMapper.builder().build().writeValueAsString(application));
      node.environment().put("MONITORING_FEATURES", Integer.toString(MONITORED));
      node.environment().put("MONITORING_DRIFTED", Integer.toString(DRIFTED));
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
    }
  }

  /**
   * Issue 18 at 390 px: no page wider than the screen (document.documentElement.scrollWidth <= 390
   * on every page, English and French), a client id above 2^53 whole from the feed to the Live
   * list, the search, the client file and What-if, and the Live list's filter and pages. The
   * browser part is {@code dashboard-frontend/e2e/phone.e2e.mjs}.
   */
  @Test
  void onAPhoneNoPageScrollsSidewaysAndIdsAboveTwoToThe53StayWhole() throws Exception {
    TestDashboard dashboard = TestDashboard.get();
    dashboard.awaitLoaded();
    long big = LargeClientIdTest.BIG;
    String app = "phone-big-" + System.nanoTime();
    // The newest decision: first on the Live list.
    Decision decision =
        Decision.newBuilder(dashboard.decisions.get(3))
            .setApplicationId(app)
            .setSKIDCURR(big)
            .setDecidedAt(Instant.now())
            .build();
    LoanApplication application =
        LoanApplication.newBuilder(dashboard.applicants.get(3).application())
            .setApplicationId(app)
            .setSKIDCURR(big)
            .build();
    ExplainedDecision explained =
        ExplainedDecision.newBuilder(dashboard.explained.get(3)).setDecision(decision).build();
    // The Monitoring page with its charts and tables (the widest of the pages).
    MonitoringView monitoring = dashboard.context.getBean(MonitoringView.class);
    long snapshotsBefore = monitoring.snapshots();
    ModelService model = dashboard.context.getBean(ModelService.class);
    List<String> features =
        model.features().stream().map(FeatureInfo::name).limit(MONITORED).toList();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<MonitoringSnapshot> snapshots = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      MonitoringSnapshot s =
          MonitoringEvents.snapshot(
              model.version(),
              now.minusSeconds(60L * (2 - i)),
              features,
              Set.copyOf(features.subList(0, 5 * i)),
              0.7,
              0.72,
              150 * (i + 1),
              0.74);
      s.setFairness(
          List.of(
              MonitoringApiTest.fairness("gender", "F", 620, 0.74, 0.5, 1.0, false),
              MonitoringApiTest.fairness(
                  "family_status", "Separated", 120, 0.55, 0.7, 0.73, true)));
      snapshots.add(s);
    }
    try (var p = dashboard.producer()) {
      dashboard.send(p, dashboard.topics.loanApplications(), big, application);
      dashboard.send(p, dashboard.topics.decisions(), big, decision);
      dashboard.send(p, dashboard.topics.explainedDecisions(), big, explained);
      p.flush();
    }
    dashboard.publishMonitoring(snapshots, List.of());
    dashboard.awaitMonitoring(snapshotsBefore + snapshots.size(), 0);
    DashboardView view = dashboard.context.getBean(DashboardView.class);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (view.client(big)
            .map(
                e ->
                    e.decision() == null
                        || e.application() == null
                        || e.decision().explanation() == null
                        || !e.decision().applicationId().equals(app))
            .orElse(true)
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Path log = FRONTEND.resolve("target").resolve("e2e-phone.log");
    Files.createDirectories(log.getParent());
    ProcessBuilder node =
        new ProcessBuilder("node", "e2e/phone.e2e.mjs")
            .directory(FRONTEND.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    node.environment().put("DASHBOARD_URL", "http://localhost:" + dashboard.port + "/");
    node.environment().put("DASHBOARD_PASSWORD", TestDashboard.PASSWORD);
    node.environment()
        .put("DASHBOARD_CLIENT", Long.toString(dashboard.decisions.get(0).getSKIDCURR()));
    node.environment().put("DASHBOARD_BIG_CLIENT", Long.toString(big));
    node.environment()
        .put("SCREENSHOTS", FRONTEND.resolve("target").resolve("screenshots").toString());
    Process p = node.start();
    boolean done = p.waitFor(6, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    System.out.println(out);
    assertThat(done).as("the phone test finished in time").isTrue();
    assertThat(p.exitValue()).as("phone test output:%n%s", out).isZero();
    assertThat(out).contains("phone: every check passed");
  }
}
