package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.dashboard.DashboardApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scoring dashboard}: the advisors' web dashboard, until Ctrl-C or SIGTERM. */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = {
      "The advisors' live dashboard: decisions as they are made, client files with explanations,"
          + " comparisons, what-if re-scoring, new applications and the model, in the browser.",
      "Login: user advisor, password from SCORING_ADVISOR_PASSWORD, else generated and printed.",
      "Runs until stopped (Ctrl-C)."
    })
final class DashboardCommand implements Callable<Integer> {

  @Option(
      names = "--bootstrap",
      required = true,
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers.")
  String bootstrap;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "BUNDLE",
      description = "Model bundle directory (written by train).")
  Path model;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port = 8080;

  @Option(
      names = "--topic-prefix",
      paramLabel = "P",
      description = "Prefix of the topic names (default: none).")
  String topicPrefix = "";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (!Files.isDirectory(model)) {
      throw new ScoringCommand.UserException(model + ": not a model bundle directory");
    }
    if (port < 0 || port > 65535) {
      throw new ScoringCommand.UserException("--port must be 0..65535");
    }
    ConfigurableApplicationContext context;
    try {
      context =
          DashboardApplication.builder()
              .run(DashboardApplication.arguments(bootstrap, model, port, topicPrefix));
    } catch (RuntimeException e) {
      throw new ScoringCommand.UserException("the dashboard did not start: " + rootMessage(e), e);
    }
    CountDownLatch closed = new CountDownLatch(1);
    context.addApplicationListener(
        (ApplicationListener<ContextClosedEvent>) event -> closed.countDown());
    var out = spec.commandLine().getOut();
    out.println(
        "Dashboard on http://localhost:"
            + context.getEnvironment().getProperty("local.server.port")
            + "/ (user advisor), reading Kafka at "
            + bootstrap
            + ". Ctrl-C to stop.");
    out.flush();
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
