package fr.pretadepenser.scoring.dashboard.oversight;

import fr.pretadepenser.scoring.dashboard.DashboardProperties;
import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.schemas.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The oversight trail's state, reader, writer and rules. */
@Configuration(proxyBeanMethods = false)
class OversightConfiguration {

  /** The fixed transactional id of the trail's writer, before the topic prefix. */
  static final String TRANSACTIONAL_ID = "scoring-dashboard-oversight";

  @Bean
  OversightState oversightState(DashboardProperties properties) {
    return new OversightState(properties.oversightCases(), properties.oversightEntriesPerCase());
  }

  @Bean
  TrailReader trailReader(DashboardProperties properties, Topics topics, OversightState state) {
    return new TrailReader(
        properties.bootstrapServers(), topics.decisionOverrides(), state, Duration.ofSeconds(2));
  }

  @Bean(destroyMethod = "close")
  TrailWriter trailWriter(DashboardProperties properties, Topics topics) {
    // One id per set of topics: the dashboards of one system fence each other, two systems on one
    // cluster (two prefixes) do not.
    return new TrailWriter(
        properties.bootstrapServers(),
        topics.decisionOverrides(),
        properties.topicPrefix() + TRANSACTIONAL_ID,
        Duration.ofSeconds(10));
  }

  @Bean
  Oversight oversight(DashboardView view, OversightState state, TrailWriter writer) {
    return new Oversight(view, state, writer, Clock.systemUTC());
  }

  @Bean
  MeterBinder oversightMeters(OversightState state, TrailReader reader, TrailWriter writer) {
    return registry -> {
      FunctionCounter.builder("dashboard.oversight.entries", state, OversightState::entries)
          .description("Oversight trail entries read since the start")
          .register(registry);
      FunctionCounter.builder("dashboard.oversight.unreadable", reader, TrailReader::unreadable)
          .description("Oversight trail records skipped because they could not be decoded")
          .register(registry);
      FunctionCounter.builder("dashboard.oversight.fenced", writer, TrailWriter::fenced)
          .description("Times another dashboard fenced this one's trail writer")
          .register(registry);
    };
  }
}
