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
    Path data = CommandTestSupport.generated(CommandTestSupport.SAMPLE, 30, 3, dir.resolve("data"));

    CommandTestSupport.Run r =
        CommandTestSupport.runCapturingStdout(
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
            "60",
            "--latency-seconds",
            "1",
            "--state-dir",
            dir.resolve("state").toString());
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
}
