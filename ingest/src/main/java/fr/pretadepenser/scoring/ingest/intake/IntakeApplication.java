package fr.pretadepenser.scoring.ingest.intake;

import fr.pretadepenser.scoring.intake.ApplicationController;
import fr.pretadepenser.scoring.intake.ApplicationPublisher;
import fr.pretadepenser.scoring.intake.ReceivedApplications;
import fr.pretadepenser.scoring.schemas.Topics;
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
 * The HTTP intake of loan applications, for origination systems that do not speak Kafka: {@code
 * POST /api/applications} with the application as JSON, validated and published to {@code
 * loan-applications}. The route is the intake library's {@link ApplicationController}, the one the
 * dashboard mounts too; this application gives it a publisher, a bounded memory of the application
 * ids it received (a re-send is answered as already received, not published twice) and a login
 * ({@link IntakeSecurity}: HTTP Basic).
 *
 * <pre>{@code
 * ConfigurableApplicationContext intake =
 *     IntakeApplication.builder().run(IntakeApplication.arguments("localhost:9092", 8081, ""));
 * }</pre>
 *
 * <p>Its settings are in {@code intake.properties}, not {@code application.properties}: the
 * runnable jar holds several Spring applications, and one {@code application.properties} per jar
 * would shadow the others on the class path.
 */
@SpringBootApplication
@EnableConfigurationProperties(IntakeProperties.class)
@Import(ApplicationController.class)
public class IntakeApplication {

  /** The Spring application, set up to read {@code intake.properties}, without banner. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(IntakeApplication.class)
        .web(WebApplicationType.REACTIVE)
        .bannerMode(Banner.Mode.OFF)
        .properties("spring.config.name=intake");
  }

  /**
   * Command-line arguments for {@link #builder()}{@code .run(...)}: they outrank {@code
   * intake.properties}.
   *
   * @param port HTTP port, 0 for a free one (then read {@code local.server.port})
   * @param more further {@code --key=value} settings
   */
  public static String[] arguments(
      String bootstrapServers, int port, String topicPrefix, String... more) {
    List<String> args = new ArrayList<>();
    args.add("--intake.bootstrap-servers=" + bootstrapServers);
    args.add("--intake.topic-prefix=" + topicPrefix);
    args.add("--server.port=" + port);
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /**
   * Netty event loops of this application alone. With Reactor's default global loops, closing one
   * Spring application (a test's second intake, say) would stop every other server in the JVM.
   */
  @Bean
  ReactorResourceFactory reactorResourceFactory() {
    ReactorResourceFactory factory = new ReactorResourceFactory();
    factory.setUseGlobalResources(false);
    return factory;
  }

  @Bean
  Topics topics(IntakeProperties properties) {
    return Topics.withPrefix(properties.topicPrefix());
  }

  @Bean
  ReceivedApplications receivedApplications(IntakeProperties properties) {
    return new ReceivedApplications(properties.receivedIds());
  }

  @Bean(destroyMethod = "close")
  ApplicationPublisher applicationPublisher(IntakeProperties properties, Topics topics) {
    return new ApplicationPublisher(
        properties.bootstrapServers(),
        "scoring-intake",
        topics.loanApplications(),
        properties.maxBlock(),
        properties.requestTimeout(),
        properties.deliveryTimeout());
  }
}
