package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.scorer.ScorerConfig;
import fr.pretadepenser.scoring.scorer.ScorerService;
import fr.pretadepenser.scoring.scorer.ScoringModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in a real Chromium (Debian's {@code chromium} through npm {@code playwright-core}):
 * the running dashboard on the embedded broker with the real Kafka Streams scorer deciding new
 * applications. The browser part is {@code dashboard-frontend/e2e/dashboard.e2e.mjs}: log in, see
 * decisions arrive live, open a client (gauge, waterfall), a what-if that changes the score, a new
 * application whose decision arrives, the model page, French, no console error and no serious or
 * critical axe-core violation; screenshots go to {@code dashboard-frontend/target/screenshots}.
 */
class DashboardBrowserTest {

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
                ScoringModel.of(bundle),
                null,
                2)) {
      Map<String, Object> application = new LinkedHashMap<>();
      var a = dashboard.applicants.get(7).application();
      for (var f : a.getSchema().getFields()) {
        Object v = a.get(f.pos());
        if (v != null && !f.name().equals("submitted_at") && !f.name().equals("application_id")) {
          application.put(f.name(), v instanceof CharSequence s ? s.toString() : v);
        }
      }
      application.put("SK_ID_CURR", 991234L);
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
}
