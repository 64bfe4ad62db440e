package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scorer subcommand refuses unusable bundles with a message, before touching Kafka. */
class ScorerCommandTest {

  @TempDir Path dir;

  @Test
  void aMissingBundleIsRefusedWithAMessageAndNoStackTrace() {
    CommandTestSupport.Run run =
        CommandTestSupport.run(
            "scorer", "--bootstrap", "127.0.0.1:1", "--model", dir.resolve("nope").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("error: cannot use model bundle:")
        .contains("not a model bundle directory")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void anIncompleteBundleIsRefusedNamingTheMissingFile() throws Exception {
    Path bundle = Files.createDirectory(dir.resolve("bundle"));
    CommandTestSupport.Run run =
        CommandTestSupport.run(
            "scorer", "--bootstrap", "127.0.0.1:1", "--model", bundle.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("error: cannot use model bundle:").contains("features.json");
  }

  @Test
  void requiresBootstrapAndModel() {
    CommandTestSupport.Run run = CommandTestSupport.run("scorer");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--bootstrap").contains("--model");
  }

  @Test
  void isListedInTheHelp() {
    assertThat(CommandTestSupport.run("--help").out()).contains("scorer");
  }
}
