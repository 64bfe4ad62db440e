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
  void badRecoveryOptionsAreRefusedWithAMessageBeforeKafkaIsAsked() {
    java.util.Map<java.util.List<String>, String> cases =
        java.util.Map.of(
            java.util.List.of("--instance-id", "a b"), "the instance id must be",
            java.util.List.of("--advertised-query", "scorer-1"), "must be HOST:PORT",
            java.util.List.of("--advertised-query", "scorer-1:x"), "must be HOST:PORT",
            java.util.List.of("--session-timeout-ms", "1000"), "the session timeout must be",
            java.util.List.of("--standby-replicas", "-1"), "standby replicas must be",
            java.util.List.of("--transaction-timeout-ms", "50"), "the transaction timeout");
    cases.forEach(
        (options, message) -> {
          java.util.List<String> args =
              new java.util.ArrayList<>(
                  java.util.List.of(
                      "scorer", "--bootstrap", "127.0.0.1:1", "--model", dir.toString()));
          args.addAll(options);
          CommandTestSupport.Run run = CommandTestSupport.run(args.toArray(String[]::new));
          assertThat(run.exitCode()).as("%s", options).isEqualTo(1);
          assertThat(run.err()).as("%s", options).contains(message).doesNotContain("\tat ");
        });
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
