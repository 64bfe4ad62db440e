package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16's short chaos run, as a user runs it ({@code bin/scoring chaos} in its own process):
 * three brokers, two scorers and an explainer as separate processes, 5,000 applications, two scorer
 * kills, a broker kill and an explainer kill (SIGKILL, then restart) drawn from seed 5. It must
 * exit 0 (nothing lost, doubled or different from the batch path; everything decided and explained)
 * with its JSON line last on stdout, and leave no process behind.
 *
 * <p>Run by failsafe after the runnable jar is packaged ({@code mvn verify}). The verdict's
 * arithmetic, which decides the exit code, is tested on crafted records (one id missing, one
 * doubled) in {@code ChaosVerdictTest}.
 */
class ChaosIT {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path work;

  Process chaos;

  @AfterEach
  void killLeftovers() {
    if (chaos != null && chaos.isAlive()) {
      chaos.descendants().forEach(ProcessHandle::destroyForcibly);
      chaos.destroyForcibly();
    }
  }

  @Test
  void theShortRunLosesNothingDoublesNothingAndMatchesTheBatchPath() throws Exception {
    Path log = Path.of("target", "chaos-it.log").toAbsolutePath();
    Path out = work.resolve("stdout.txt");
    chaos =
        new ProcessBuilder(
                ROOT.resolve("bin/scoring").toString(),
                "chaos",
                "--brokers",
                "3",
                "--scorers",
                "2",
                "--explainers",
                "1",
                "--applications",
                "5000",
                "--kill-scorer",
                "2",
                "--kill-broker",
                "1",
                "--kill-explainer",
                "1",
                "--seed",
                "5",
                "--workdir",
                work.resolve("chaos").toString())
            .directory(ROOT.toFile())
            .redirectError(log.toFile())
            .redirectOutput(out.toFile())
            .start();
    assertThat(chaos.waitFor(45, TimeUnit.MINUTES)).as("chaos finished, see %s", log).isTrue();
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).as("stdout").isNotEmpty();
    String last = lines.get(lines.size() - 1);
    System.out.println("chaos: " + last);
    JsonNode r = JsonMapper.builder().build().readTree(last);
    assertThat(chaos.exitValue()).as("exit status; %s; see %s", last, log).isZero();
    assertThat(r.get("applications").asInt()).isEqualTo(5000);
    assertThat(r.get("decided").asInt()).isEqualTo(5000);
    assertThat(r.get("explained").asInt()).isEqualTo(5000);
    assertThat(r.get("lost").asInt()).isZero();
    assertThat(r.get("duplicated").asInt()).isZero();
    assertThat(r.get("differ_from_batch").asInt()).isZero();
    assertThat(r.get("kills").asInt()).isEqualTo(4);
    assertThat(r.get("max_recovery_s").isNumber()).as("max_recovery_s in %s", last).isTrue();
    assertThat(r.get("p99_latency_ms").isNumber()).isTrue();
    for (String kind : List.of("scorer", "broker", "explainer")) {
      assertThat(r.get("recovery").get(kind).get("kills").asInt())
          .as(kind)
          .isEqualTo(kind.equals("scorer") ? 2 : 1);
    }
    String marker = work.toString();
    List<String> leftovers =
        ProcessHandle.allProcesses()
            .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
            .map(h -> h.pid() + " " + h.info().commandLine().orElse(""))
            .toList();
    assertThat(leftovers).as("processes still using the chaos work directory").isEmpty();
  }
}
