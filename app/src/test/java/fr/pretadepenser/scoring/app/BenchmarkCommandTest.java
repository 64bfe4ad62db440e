package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark command runs its three phases end to end on a tiny generated data set (a smoke
 * test: the figures themselves are not checked, they depend on the machine; only that the latency
 * was measured at all).
 */
class BenchmarkCommandTest {

  @Test
  void runsEveryPhaseAndReportsTheFigures(@TempDir Path dir) {
    CommandTestSupport.Run r = runOnTheSharedBroker(dir, "60");
    String out = r.out();
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out)
        .contains("history folded by the scorer")
        .contains("throughput: 30 decisions;")
        .contains("latency at 60/s")
        .contains("latency, send() to read_committed receipt, all 60: p50")
        .contains("breakdown: history read + features p50");
    // Every decision was timed from its application's send (the header made it through).
    java.util.regex.Matcher p50 =
        java.util.regex.Pattern.compile("receipt, all 60: p50 (\\d+\\.\\d) ms").matcher(out);
    assertThat(p50.find()).as(out).isTrue();
    assertThat(Double.parseDouble(p50.group(1))).isPositive();
  }

  @Test
  void baselineComparesTheScorerWithItsTransportInOneJsonLineLast(@TempDir Path dir)
      throws Exception {
    CommandTestSupport.Run r = runOnTheSharedBroker(dir, "40", "--warmup", "10", "--baseline");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String[] lines = r.out().strip().split("\\R");
    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines[lines.length - 1]);
    for (String field :
        new String[] {
          "decisions_per_s",
          "plain_kafka_per_s",
          "passthrough_per_s",
          "ratio_plain_kafka",
          "ratio_passthrough",
          "p99_ms",
          "passthrough_p99_ms"
        }) {
      assertThat(json.path(field).isNumber()).as(field + " in " + json).isTrue();
      assertThat(json.path(field).asDouble()).as(field).isPositive();
    }
    // Each ratio is the scorer's rate over the baseline's, from the same run.
    assertThat(json.get("ratio_plain_kafka").asDouble())
        .isCloseTo(
            json.get("decisions_per_s").asDouble() / json.get("plain_kafka_per_s").asDouble(),
            org.assertj.core.data.Offset.offset(0.01));
    assertThat(json.get("ratio_passthrough").asDouble())
        .isCloseTo(
            json.get("decisions_per_s").asDouble() / json.get("passthrough_per_s").asDouble(),
            org.assertj.core.data.Offset.offset(0.01));
    assertThat(r.out())
        .contains("baseline, plain Kafka")
        .contains("baseline, pass-through latency at 40/s")
        .contains("per decision in the brokers' logs")
        .contains("heap allocated per decision");
  }

  @Test
  void baselineRefusesARunWithoutTheDecisionsItCompares(@TempDir Path dir) {
    CommandTestSupport.Run r =
        CommandTestSupport.runCapturingStdout(
            "benchmark",
            "--data",
            dir.toString(),
            "--model",
            SampleBundle.shared().toString(),
            "--baseline",
            "--skip",
            "throughput");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("--baseline").contains("throughput phase");
  }

  /**
   * {@code benchmark} on 30 generated clients against the shared in-process broker, 2 partitions, a
   * one-second latency phase at {@code rate}, and {@code more} options.
   */
  private static CommandTestSupport.Run runOnTheSharedBroker(
      Path dir, String rate, String... more) {
    Path data = CommandTestSupport.generated(CommandTestSupport.SAMPLE, 30, 3, dir.resolve("data"));
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "benchmark",
                "--data",
                data.toString(),
                "--model",
                SampleBundle.shared().toString(),
                "--bootstrap",
                LocalKafkaBroker.shared().bootstrapServers(),
                "--partitions",
                "2",
                "--rate",
                rate,
                "--latency-seconds",
                "1",
                "--state-dir",
                dir.resolve("state").toString()));
    args.addAll(java.util.List.of(more));
    return CommandTestSupport.runCapturingStdout(args.toArray(String[]::new));
  }
}
