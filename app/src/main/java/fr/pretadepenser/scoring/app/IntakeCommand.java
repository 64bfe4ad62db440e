package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.ingest.IngestException;
import fr.pretadepenser.scoring.ingest.KafkaPreflight;
import fr.pretadepenser.scoring.ingest.intake.IntakeApplication;
import fr.pretadepenser.scoring.schemas.Topics;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scoring intake}: the HTTP intake of applications, until Ctrl-C or SIGTERM. */
@Command(
    name = "intake",
    mixinStandardHelpOptions = true,
    description = {
      "Serves POST /api/applications: a loan application as JSON (Kaggle column names), checked"
          + " and published to loan-applications. 202 when Kafka has it, 400 with every bad"
          + " field, 503 when Kafka is unavailable.",
      "Runs until stopped (Ctrl-C)."
    })
final class IntakeCommand implements Callable<Integer> {

  @Mixin BootstrapOption bootstrap;

  @Mixin HttpPortOption port = new HttpPortOption(8081);

  @Mixin TopicPrefixOption.TopicNames topicPrefix;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Topics topics = topicPrefix.topics();
    String topic = topics.loanApplications().name();
    try {
      KafkaPreflight.check(bootstrap.servers(), List.of(topic), 10);
    } catch (IngestException e) {
      // The intake answers 503 until Kafka is there; starting anyway lets it come up first.
      spec.commandLine().getErr().println("warning: " + e.getMessage());
      spec.commandLine().getErr().flush();
    }
    ConfigurableApplicationContext context;
    try {
      context =
          IntakeApplication.builder()
              .run(
                  IntakeApplication.arguments(
                      bootstrap.servers(), port.number(), topicPrefix.prefix()));
    } catch (RuntimeException e) {
      throw new UserException("the intake did not start: " + rootMessage(e), e);
    }
    CountDownLatch closed = new CountDownLatch(1);
    context.addApplicationListener(
        (ApplicationListener<ContextClosedEvent>) event -> closed.countDown());
    var out = spec.commandLine().getOut();
    out.println(
        "Intake on http://localhost:"
            + context.getEnvironment().getProperty("local.server.port")
            + "/api/applications, publishing to "
            + topic
            + " on "
            + bootstrap.servers()
            + ". Ctrl-C to stop.");
    out.flush();
    // Spring's shutdown hook closes the context on Ctrl-C; until then this command runs.
    closed.await();
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
