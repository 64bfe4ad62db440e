package fr.pretadepenser.scoring.dashboard.timeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The timelines, sized by {@code dashboard.timeline.*}, and their meter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TimelineProperties.class)
class TimelineConfiguration {

  @Bean
  Timelines timelines(TimelineProperties p) {
    return new Timelines(p.clients(), p.eventsPerClient(), p.events(), p.pending());
  }

  @Bean
  MeterBinder timelineMeters(Timelines timelines) {
    return registry ->
        Gauge.builder("dashboard.timeline.events", timelines, Timelines::events)
            .description("Events kept in the clients' timelines")
            .register(registry);
  }
}
