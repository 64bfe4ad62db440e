package fr.pretadepenser.scoring.dashboard;

import fr.pretadepenser.scoring.intake.ApplicationController;
import fr.pretadepenser.scoring.intake.ApplicationPublisher;
import fr.pretadepenser.scoring.schemas.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The advisors' dashboard: live decisions over SSE, client files with explanations, comparisons,
 * what-if re-scoring, the new-application form, the model page and the monitoring page, behind the
 * advisor's login.
 *
 * <pre>{@code
 * ConfigurableApplicationContext dashboard =
 *     DashboardApplication.builder()
 *         .run(DashboardApplication.arguments("localhost:9092", Path.of("models/sample"), 8080, ""));
 * }</pre>
 *
 * <p>Its settings are in {@code dashboard.properties}, not {@code application.properties}: the
 * runnable jar holds several Spring applications.
 *
 * <p>The new-application form posts to the intake library's {@link ApplicationController}, the same
 * route the HTTP intake serves (same 400 and 503 answers); here it sits behind the login and CSRF
 * check like every {@code /api} path.
 */
@SpringBootApplication
@EnableConfigurationProperties(DashboardProperties.class)
@Import(ApplicationController.class)
public class DashboardApplication {

  /** The Spring application, set up to read {@code dashboard.properties}, without banner. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(DashboardApplication.class)
        .web(WebApplicationType.REACTIVE)
        .bannerMode(Banner.Mode.OFF)
        .properties("spring.config.name=dashboard");
  }

  /**
   * Command-line arguments for {@link #builder()}{@code .run(...)}.
   *
   * @param port HTTP port, 0 for a free one (then read {@code local.server.port})
   * @param more further {@code --key=value} settings
   */
  public static String[] arguments(
      String bootstrapServers, Path model, int port, String topicPrefix, String... more) {
    List<String> args = new ArrayList<>();
    args.add("--dashboard.bootstrap-servers=" + bootstrapServers);
    args.add("--dashboard.model=" + model.toAbsolutePath());
    args.add("--dashboard.topic-prefix=" + topicPrefix);
    args.add("--server.port=" + port);
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** This application's own Netty event loops (see the intake: several servers in one JVM). */
  @Bean
  ReactorResourceFactory reactorResourceFactory() {
    ReactorResourceFactory factory = new ReactorResourceFactory();
    factory.setUseGlobalResources(false);
    return factory;
  }

  @Bean
  Topics topics(DashboardProperties properties) {
    return Topics.withPrefix(properties.topicPrefix());
  }

  @Bean(destroyMethod = "close")
  ModelService modelService(DashboardProperties properties) {
    return ModelService.load(properties.model());
  }

  @Bean
  Explanations explanations(ModelService model) {
    return new Explanations(model);
  }

  @Bean
  ClientFiles clientFiles(ModelService model, Explanations explanations) {
    return new ClientFiles(model, explanations);
  }

  @Bean
  Comparisons comparisons(ModelService model) {
    return new Comparisons(model);
  }

  @Bean
  LiveFeed liveFeed(DashboardProperties properties) {
    return new LiveFeed(properties.streamRing(), properties.clientBuffer());
  }

  @Bean
  DashboardView dashboardView(DashboardProperties properties, LiveFeed feed) {
    return new DashboardView(
        properties.recentDecisions(), properties.clients(), feed, Clock.systemUTC());
  }

  @Bean
  MonitoringView monitoringView(DashboardProperties properties) {
    return new MonitoringView(properties.monitoringSnapshots(), properties.monitoringAlerts());
  }

  @Bean
  KafkaFeed kafkaFeed(
      DashboardProperties properties,
      Topics topics,
      DashboardView view,
      MonitoringView monitoring) {
    return new KafkaFeed(properties.bootstrapServers(), topics, view, monitoring);
  }

  /**
   * The publisher behind the new-application form: an advisor waits on it, so Kafka gets 5 s for
   * metadata and for a response, 10 s in all, and then the form says 503 rather than hang.
   */
  @Bean(destroyMethod = "close")
  ApplicationPublisher applicationPublisher(DashboardProperties properties, Topics topics) {
    return new ApplicationPublisher(
        properties.bootstrapServers(),
        "scoring-dashboard",
        topics.loanApplications(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10));
  }

  /** The dashboard's own meters, next to Spring's, at {@code /actuator/prometheus}. */
  @Bean
  MeterBinder dashboardMeters(
      DashboardView view, LiveFeed feed, KafkaFeed kafka, MonitoringView monitoring) {
    return registry -> {
      FunctionCounter.builder("dashboard.decisions", view, v -> v.stats().decisions())
          .description("Decisions read from Kafka since the start")
          .register(registry);
      FunctionCounter.builder("dashboard.explained.decisions", view, v -> v.stats().explained())
          .description("Explained decisions read since the start")
          .register(registry);
      FunctionCounter.builder("dashboard.dead.letters", view, v -> v.stats().deadLetters())
          .description("Dead letters read since the start")
          .register(registry);
      FunctionCounter.builder(
              "dashboard.monitoring.snapshots", monitoring, MonitoringView::snapshots)
          .description("Monitoring snapshots read since the start")
          .register(registry);
      FunctionCounter.builder("dashboard.monitoring.alerts", monitoring, MonitoringView::alertCount)
          .description("Model alerts read since the start")
          .register(registry);
      FunctionCounter.builder("dashboard.kafka.unreadable", kafka, KafkaFeed::unreadable)
          .description("Records skipped because they could not be decoded")
          .register(registry);
      Gauge.builder("dashboard.stream.clients", feed, LiveFeed::subscribers)
          .description("Browsers connected to the live stream")
          .register(registry);
      FunctionCounter.builder("dashboard.stream.overflows", feed, LiveFeed::overflows)
          .description("Live streams ended because their browser fell a whole buffer behind")
          .register(registry);
    };
  }
}
