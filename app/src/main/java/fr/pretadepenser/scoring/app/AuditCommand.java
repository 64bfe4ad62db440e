package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.schemas.Topics;
import fr.pretadepenser.scoring.schemas.audit.ChainVerifier;
import fr.pretadepenser.scoring.schemas.audit.TrailFile;
import fr.pretadepenser.scoring.schemas.audit.TrailTopic;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scoring audit}: the oversight trail ({@code decision-overrides}) checked, or copied for an
 * offline check. See docs/OVERSIGHT.md for the chain's encoding.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "The human oversight trail (topic decision-overrides): verify its hash chain, or export a"
            + " copy that can be verified offline.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
final class AuditCommand implements Runnable {

  /** Exit code of a trail whose chain is broken. */
  static final int BROKEN = 2;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "Missing a subcommand: verify or export.");
  }

  /** Where the trail is read: Kafka, or an exported file. */
  static final class Source {
    @Option(
        names = "--bootstrap",
        paramLabel = "HOST:PORT",
        description = "Kafka bootstrap servers: verify the trail on its topic.")
    String bootstrap;

    @Option(
        names = "--file",
        paramLabel = "F",
        description = "An exported trail (audit export --out F): verify that copy offline.")
    Path file;
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Reads every committed entry of the oversight trail (read_committed, from the first) and"
            + " checks the hash chain: each entry's hash is the SHA-256 of its canonical content,"
            + " sequences run from 0 without gap, and each entry links to the hash before it.",
        "Exit 0 when the chain holds; "
            + BROKEN
            + " when it breaks, naming the first broken"
            + " sequence; 1 on bad input. The last line on stdout is JSON: {\"entries\":N,"
            + "\"valid\":true|false,\"first_broken\":null|K,\"reason\":...}."
      })
  static final class Verify implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Mixin TopicPrefixOption.TopicNames topicPrefix;

    @Option(
        names = "--timeout-seconds",
        defaultValue = "30",
        paramLabel = "S",
        description = "Longest wait for Kafka without progress (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      ChainVerifier.Verdict verdict;
      if (source.file != null) {
        try (Reader in = Files.newBufferedReader(source.file, StandardCharsets.UTF_8)) {
          verdict = TrailFile.verify(in);
        } catch (NoSuchFileException e) {
          throw new UserException(source.file + ": no such file");
        }
      } else {
        verdict = verify(source.bootstrap, topicPrefix.topics(), timeout(timeoutSeconds));
      }
      return report(verdict, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Copies every committed entry of the oversight trail to a file, one Avro JSON record a"
              + " line in sequence order (a record that cannot be read is written as a line saying"
              + " so), for `audit verify --file F` offline. The file is written under a temporary"
              + " name and moved into place when complete.")
  static final class Export implements Callable<Integer> {

    @Mixin BootstrapOption bootstrap;

    @Mixin TopicPrefixOption.TopicNames topicPrefix;

    @Option(names = "--out", required = true, paramLabel = "F", description = "The copy.")
    Path out;

    @Option(
        names = "--timeout-seconds",
        defaultValue = "30",
        paramLabel = "S",
        description = "Longest wait for Kafka without progress (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Topics topics = topicPrefix.topics();
      long records;
      try (AtomicFile file = new AtomicFile(out)) {
        try (Writer w = Files.newBufferedWriter(file.temp(), StandardCharsets.UTF_8)) {
          records =
              TrailTopic.export(
                  bootstrap.servers(), topics.decisionOverrides(), timeout(timeoutSeconds), w);
        } catch (IllegalArgumentException | TimeoutException e) {
          throw new UserException(e.getMessage(), e);
        }
        file.commit();
      }
      spec.commandLine()
          .getOut()
          .println("{\"records\":" + records + ",\"out\":\"" + out.toAbsolutePath() + "\"}");
      return 0;
    }
  }

  static Duration timeout(int seconds) {
    if (seconds < 1) {
      throw new UserException("--timeout-seconds must be at least 1");
    }
    return Duration.ofSeconds(seconds);
  }

  /** The trail on Kafka verified: the code behind {@code audit verify --bootstrap}. */
  static ChainVerifier.Verdict verify(String bootstrap, Topics topics, Duration timeout)
      throws IOException {
    try {
      return TrailTopic.verify(bootstrap, topics.decisionOverrides(), timeout);
    } catch (IllegalArgumentException | TimeoutException e) {
      throw new UserException(e.getMessage(), e);
    }
  }

  /** Prints the verdict (the JSON line last) and returns the exit code. */
  static int report(ChainVerifier.Verdict verdict, PrintWriter out, PrintWriter err) {
    if (!verdict.valid()) {
      err.println(
          "the oversight trail is broken at sequence "
              + verdict.firstBroken()
              + ": "
              + verdict.reason());
      err.flush();
    } else {
      out.println("the oversight trail holds: " + verdict.entries() + " entries");
    }
    out.println(verdict.json());
    out.flush();
    return verdict.valid() ? 0 : BROKEN;
  }
}
