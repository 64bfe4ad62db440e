package fr.pretadepenser.scoring.app;

import static fr.pretadepenser.scoring.app.CommandTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explainer subcommands' contract as a user meets it; the streaming behaviour itself is tested
 * in the explainer module on a real broker (ExplainerServiceTest).
 */
class ExplainerCommandTest {

  @Test
  void bothCommandsHaveHelp() {
    for (String command : new String[] {"explainer", "explainer-benchmark"}) {
      CommandTestSupport.Run r = run(command, "--help");
      assertThat(r.exitCode()).as(command).isZero();
      assertThat(r.out()).contains("Usage: scoring " + command);
    }
    assertThat(run("explainer", "--help").out()).contains("--bootstrap", "--model");
    assertThat(run("--help").out()).contains("explainer");
  }

  @Test
  void refusesWhatIsNotABundleWithAClearMessage(@TempDir Path empty) {
    CommandTestSupport.Run r =
        run("explainer", "--bootstrap", "localhost:1", "--model", empty.toString());
    assertThat(r.exitCode()).isEqualTo(ScoringCli.BAD_INPUT);
    assertThat(r.err()).contains("cannot use model bundle");
  }

  @Test
  void refusesAnUnknownLanguage(@TempDir Path empty) {
    CommandTestSupport.Run r =
        run(
            "explainer",
            "--bootstrap",
            "localhost:1",
            "--model",
            empty.toString(),
            "--locale",
            "de");
    assertThat(r.exitCode()).isEqualTo(ScoringCli.BAD_INPUT);
    assertThat(r.err()).contains("--locale must be en or fr");
  }

  @Test
  void refusesABadInstanceIdOrTimeoutBeforeLoadingAnything(@TempDir Path empty) {
    CommandTestSupport.Run id =
        run(
            "explainer",
            "--bootstrap",
            "localhost:1",
            "--model",
            empty.toString(),
            "--instance-id",
            "no spaces");
    assertThat(id.exitCode()).isEqualTo(ScoringCli.BAD_INPUT);
    assertThat(id.err()).contains("the instance id must be");
    CommandTestSupport.Run session =
        run(
            "explainer",
            "--bootstrap",
            "localhost:1",
            "--model",
            empty.toString(),
            "--session-timeout-ms",
            "1000");
    assertThat(session.exitCode()).isEqualTo(ScoringCli.BAD_INPUT);
    assertThat(session.err()).contains("the session timeout must be");
  }

  @Test
  void eachInstanceHasItsOwnTransactionalIdsUnlessOneIsGiven() {
    assertThat(ExplainerCommand.transactionIdPrefix(null, null)).isEqualTo("scoring-explainer-");
    assertThat(ExplainerCommand.transactionIdPrefix(null, "explainer-2"))
        .isEqualTo("scoring-explainer-explainer-2-");
    assertThat(ExplainerCommand.transactionIdPrefix("mine-", "explainer-2")).isEqualTo("mine-");
  }
}
