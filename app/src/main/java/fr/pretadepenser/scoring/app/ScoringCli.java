package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.homecredit.DataFileException;
import fr.pretadepenser.scoring.model.BundleException;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.schemas.AvroLimits;
import fr.pretadepenser.scoring.schemas.TrustedEventClasses;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The program {@code scoring} itself (run by {@code bin/scoring} and the Docker image): its {@code
 * main}, the error handling every subcommand shares, and dispatch to the subcommands, one class
 * each named after its command ({@code score} is {@link ScoreCommand}, {@code scorer} {@link
 * ScorerCommand}, {@code explainer-benchmark} {@link ExplainerBenchmarkCommand}).
 */
@Command(
    name = "scoring",
    mixinStandardHelpOptions = true,
    version = "scoring 0.1.0",
    description = "Credit scoring on the Kaggle Home Credit data.",
    subcommands = {
      DemoCommand.class,
      FeaturesCommand.class,
      GenerateCommand.class,
      CatalogueCommand.class,
      TrainCommand.class,
      ScoreCommand.class,
      DriftCommand.class,
      ScorerCommand.class,
      ExplainerCommand.class,
      ExplainerBenchmarkCommand.class,
      MonitorCommand.class,
      BrokerCommand.class,
      IngestCommand.class,
      IntakeCommand.class,
      DashboardCommand.class,
      BenchmarkCommand.class,
      SoakCommand.class,
      ChaosCommand.class,
      AuditCommand.class
    })
public final class ScoringCli implements Runnable {

  /** Exit code of a run stopped by bad input (a data file, an option value). */
  static final int BAD_INPUT = 1;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand.");
  }

  public static void main(String[] args) {
    // Before any event is built: a Decision's builder reads the default of a list of records,
    // which Avro loads only for trusted classes (every serde installs this too, but a command
    // may build a Decision before it makes a serde).
    TrustedEventClasses.install();
    // slf4j-simple: short warnings on stderr, without thread and logger names.
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showLogName", "false");
    System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
    // Kafka's clients and broker, and Spring, log every setting at INFO: keep their warnings only
    // (a -D on the command line still wins).
    for (String noisy :
        new String[] {"org.apache.kafka", "kafka", "state.change.logger", "org.springframework"}) {
      String key = "org.slf4j.simpleLogger.log." + noisy;
      if (System.getProperty(key) == null) {
        System.setProperty(key, "warn");
      }
    }
    // Avro's decoding limits, before any command decodes: every service of this jar (scorer,
    // explainer, monitor, dashboard, ingest) reads Kafka records that anyone may have written.
    // AvroSerde installs them too; doing it here first also covers any other Avro reader.
    AvroLimits.install();
    if (args.length > 0 && args[0].equals(ChaosChild.COMMAND)) {
      ChaosChild.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by the tests in-process. */
  static CommandLine commandLine() {
    return new CommandLine(new ScoringCli()).setExecutionExceptionHandler(ScoringCli::handleError);
  }

  private static int handleError(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    boolean verbose = parsed.originalArgs().contains("--verbose");
    if (e instanceof DataFileException || e instanceof UserException) {
      err.println("error: " + e.getMessage());
    } else {
      err.println("error: " + e);
    }
    if (verbose) {
      e.printStackTrace(err);
    } else if (!(e instanceof DataFileException || e instanceof UserException)) {
      err.println("(run again with --verbose for the stack trace)");
    }
    err.flush();
    return BAD_INPUT;
  }

  /**
   * Loads the model bundle in {@code dir}; a bundle that cannot be used (missing or unreadable
   * file, feature mismatch) is a {@link UserException} whose message is {@code messagePrefix}
   * followed by the bundle's.
   */
  static ModelBundle loadBundle(Path dir, String messagePrefix) {
    try {
      return ModelBundle.load(dir);
    } catch (BundleException e) {
      throw new UserException(messagePrefix + e.getMessage(), e);
    }
  }
}
