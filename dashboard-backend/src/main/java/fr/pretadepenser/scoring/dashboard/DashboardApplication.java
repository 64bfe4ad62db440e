package fr.pretadepenser.scoring.dashboard;

import fr.pretadepenser.scoring.intake.ApplicationController;
import fr.pretadepenser.scoring.intake.ApplicationPublisher;
import fr.pretadepenser.scoring.schemas.Topics;
import java.nio.file.Path;
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
 *
 * <p>Each feature package (live, client, whatif, model, monitoring, security...) declares its own
 * beans in a package-private {@code @Configuration}, found by the component scan that starts at
 * this package; the beans here are those the whole application shares.
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
}
