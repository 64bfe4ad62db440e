package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explainer-benchmark --compare} on a tiny generated data set: the usual figures, then the
 * comparison, and last on stdout exactly one JSON line with the contract's four fields. The rates
 * depend on the machine and are only checked to be positive; the difference must be within the
 * exactness tests' 1e-12.
 */
class ExplainerBenchmarkCommandTest {

  static final Pattern JSON =
      Pattern.compile(
          "\\{\"java_treeshap_per_s\":([0-9.]+),\"lightgbm_treeshap_per_s\":([0-9.]+),"
              + "\"ratio\":([0-9.]+),\"max_abs_diff\":([0-9.Ee-]+)}");

  @Test
  void compareEndsWithTheJsonLine(@TempDir Path dir) {
    Path data = CommandTestSupport.generated(CommandTestSupport.SAMPLE, 30, 5, dir.resolve("data"));

    CommandTestSupport.Run r =
        CommandTestSupport.runCapturingStdout(
            "explainer-benchmark",
            "--model",
            SampleBundle.shared().toString(),
            "--data",
            data.toString(),
            "--threads",
            "1",
            "--seconds",
            "0.5",
            "--warmup-seconds",
            "0.2",
            "--compare");
    String out = r.out();
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out)
        .contains("explanations/s")
        .contains("TreeSHAP (Java)")
        .contains("TreeSHAP alone, one thread");
    List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
    String last = lines.get(lines.size() - 1);
    Matcher json = JSON.matcher(last);
    assertThat(json.matches()).as(last).isTrue();
    assertThat(Double.parseDouble(json.group(1))).isPositive();
    assertThat(Double.parseDouble(json.group(2))).isPositive();
    assertThat(Double.parseDouble(json.group(3))).isPositive();
    assertThat(Double.parseDouble(json.group(4))).isBetween(0.0, 1e-12);
    assertThat(lines.stream().filter(l -> l.startsWith("{"))).hasSize(1);
  }
}
