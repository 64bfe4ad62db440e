package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.ingest.IngestException;
import fr.pretadepenser.scoring.ingest.replay.Replay;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scoring ingest}: replays a Kaggle folder onto the Kafka topics. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Publishes a folder of Kaggle Home Credit tables to Kafka: every client's history as"
          + " events on client-history, then every application on loan-applications, keyed by"
          + " SK_ID_CURR (idempotent producer, acks=all).",
      "The topics must exist (bin/scoring broker creates them)."
    })
final class IngestCommand implements Callable<Integer> {

  @Mixin BootstrapOption bootstrap;

  @Mixin DataOption data;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "Applications per second (default: as fast as Kafka takes them).")
  Double rate;

  @ArgGroup(exclusive = true)
  Only only;

  static final class Only {
    @Option(names = "--history-only", description = "Publish the history only.")
    boolean history;

    @Option(names = "--applications-only", description = "Publish the applications only.")
    boolean applications;

    @Option(
        names = "--outcomes-only",
        description =
            "Publish only what became of each loan (TARGET of application_train) on"
                + " loan-outcomes, as a lender learns it months later; for the monitoring.")
    boolean outcomes;
  }

  @Mixin TopicPrefixOption.TopicNames topicPrefix;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Replay.Mode mode =
        only == null
            ? Replay.Mode.ALL
            : only.history
                ? Replay.Mode.HISTORY_ONLY
                : only.applications ? Replay.Mode.APPLICATIONS_ONLY : Replay.Mode.OUTCOMES_ONLY;
    Replay.Summary summary;
    try (Bars bars = new Bars()) {
      summary =
          Replay.run(
              new Replay.Options(bootstrap.servers(), data.dir(), rate, mode, topicPrefix.prefix()),
              bars);
    } catch (IngestException e) {
      throw new UserException(e.getMessage(), e);
    }
    var out = spec.commandLine().getOut();
    out.println(summary(summary, bootstrap.servers()));
    out.flush();
    return 0;
  }

  static String summary(Replay.Summary s, String bootstrap) {
    if (s.outcomes() > 0) {
      return String.format(
          Locale.ROOT,
          "Published %,d loan outcomes of %,d clients to %s in %.1f s",
          s.outcomes(),
          s.clients(),
          bootstrap,
          s.elapsed().toMillis() / 1000.0);
    }
    return String.format(
        Locale.ROOT,
        "Published %,d history events and %,d applications of %,d clients to %s in %.1f s",
        s.events(),
        s.applications(),
        s.clients(),
        bootstrap,
        s.elapsed().toMillis() / 1000.0);
  }

  /** One progress bar per step of the replay. */
  private static final class Bars implements Replay.Listener, AutoCloseable {
    private ProgressBar bar;

    @Override
    public void begin(String step, long total, String unit) {
      end();
      boolean bytes = "MiB".equals(unit);
      bar = Progress.bar(step, total, bytes ? "MiB" : null, bytes ? 1 << 20 : 1);
    }

    @Override
    public void advance(long n) {
      if (bar != null) {
        bar.stepBy(n);
      }
    }

    @Override
    public void end() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }

    @Override
    public void close() {
      end();
    }
  }
}
