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
import picocli.CommandLine.Mixin;
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
      "Login: user advisor, password from SCORING_ADVISOR_PASSWORD, and user supervisor (may"
          + " override automatic decisions), password from SCORING_SUPERVISOR_PASSWORD; each"
          + " else generated and printed.",
      "Runs until stopped (Ctrl-C)."
    })
final class DashboardCommand implements Callable<Integer> {

  @Mixin BootstrapOption bootstrap;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "BUNDLE",
      description = "Model bundle directory (written by train).")
  Path model;

  @Mixin HttpPortOption port = new HttpPortOption(8080);

  @Mixin TopicPrefixOption.TopicNames topicPrefix;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (!Files.isDirectory(model)) {
      throw new UserException(model + ": not a model bundle directory");
    }
    if (port.number() < 0 || port.number() > 65535) {
      throw new UserException("--port must be 0..65535");
    }
    ConfigurableApplicationContext context;
    try {
      context =
          DashboardApplication.builder()
              .run(
                  DashboardApplication.arguments(
                      bootstrap.servers(), model, port.number(), topicPrefix.prefix()));
    } catch (RuntimeException e) {
      throw new UserException("the dashboard did not start: " + rootMessage(e), e);
    }
    CountDownLatch closed = new CountDownLatch(1);
    context.addApplicationListener(
        (ApplicationListener<ContextClosedEvent>) event -> closed.countDown());
    var out = spec.commandLine().getOut();
    out.println(
        "Dashboard on http://localhost:"
            + context.getEnvironment().getProperty("local.server.port")
            + "/ (user advisor), reading Kafka at "
            + bootstrap.servers()
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
