package fr.pretadepenser.scoring.app;

import static fr.pretadepenser.scoring.app.CommandTestSupport.SAMPLE;
import static fr.pretadepenser.scoring.app.CommandTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.schemas.Topics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker, ingest and intake subcommands as a user runs them (in-process). */
class IngestCommandsTest {

  @Test
  void everyNewCommandHasHelp() {
    for (String command : new String[] {"broker", "ingest", "intake"}) {
      CommandTestSupport.Run r = run(command, "--help");
      assertThat(r.exitCode()).as(command).isZero();
      assertThat(r.out()).contains("Usage: scoring " + command);
    }
    assertThat(run("--help").out()).contains("broker", "ingest", "intake");
  }

  @Test
  void ingestPublishesTheSampleAndSaysWhatItDid() {
    LocalKafkaBroker kafka = LocalKafkaBroker.shared();
    kafka.createTopics(Topics.withPrefix("cli."), 2);

    CommandTestSupport.Run r =
        run(
            "ingest",
            "--bootstrap",
            kafka.bootstrapServers(),
            "--data",
            SAMPLE.toString(),
            "--applications-only",
            "--topic-prefix",
            "cli.");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .matches(
            "Published 0 history events and 3,076 applications of 3,076 clients to "
                + kafka.bootstrapServers().replace(".", "\\.")
                + " in [0-9]+\\.[0-9] s\\R");
  }

  @Test
  void badIngestInputIsOneLineWithoutStackTrace(@TempDir Path dir) {
    CommandTestSupport.Run badAddress =
        run("ingest", "--bootstrap", "nonsense", "--data", SAMPLE.toString());
    assertThat(badAddress.exitCode()).isEqualTo(1);
    assertThat(badAddress.err())
        .startsWith("error: --bootstrap nonsense is not a usable Kafka address: ")
        .doesNotContain("\tat ");

    CommandTestSupport.Run noData =
        run("ingest", "--bootstrap", "localhost:1", "--data", dir.resolve("nope").toString());
    assertThat(noData.exitCode()).isEqualTo(1);
    assertThat(noData.err()).contains("nope: not a folder").doesNotContain("\tat ");

    CommandTestSupport.Run pacedHistory =
        run(
            "ingest",
            "--bootstrap",
            "localhost:1",
            "--data",
            SAMPLE.toString(),
            "--history-only",
            "--rate",
            "5");
    assertThat(pacedHistory.exitCode()).isEqualTo(1);
    assertThat(pacedHistory.err()).contains("--history-only");

    CommandTestSupport.Run both =
        run(
            "ingest",
            "--bootstrap",
            "localhost:1",
            "--data",
            SAMPLE.toString(),
            "--history-only",
            "--applications-only");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void aBrokerPortInUseIsAClearError() {
    LocalKafkaBroker kafka = LocalKafkaBroker.shared();

    CommandTestSupport.Run r = run("broker", "--port", String.valueOf(kafka.port()));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "error: port "
                + kafka.port()
                + " on localhost is already in use (another broker running?)"
                + System.lineSeparator());
  }
}
