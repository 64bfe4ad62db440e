package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The help text of every command, word for word: option names, defaults and descriptions are the
 * command line's contract, so a refactoring of the command classes (shared options as picocli
 * mixins, renamed classes) must leave it as it was. The expected texts under {@code
 * src/test/resources/help/} are {@code bin/scoring <command> --help} as it printed before.
 */
class HelpTextTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "root",
        "demo",
        "features",
        "generate",
        "catalogue",
        "train",
        "score",
        "drift",
        "scorer",
        "explainer",
        "explainer-benchmark",
        "monitor",
        "broker",
        "ingest",
        "intake",
        "dashboard",
        "benchmark",
        "soak",
        "chaos"
      })
  void isUnchanged(String command) throws IOException {
    CommandTestSupport.Run r =
        command.equals("root")
            ? CommandTestSupport.run("--help")
            : CommandTestSupport.run(command, "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(expected(command));
  }

  private static String expected(String command) throws IOException {
    try (InputStream in = HelpTextTest.class.getResourceAsStream("/help/" + command + ".txt")) {
      assertThat(in).as("help/" + command + ".txt").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
