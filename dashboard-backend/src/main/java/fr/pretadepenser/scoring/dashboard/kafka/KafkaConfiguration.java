package fr.pretadepenser.scoring.dashboard.kafka;

import fr.pretadepenser.scoring.dashboard.DashboardProperties;
import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.monitoring.MonitoringView;
import fr.pretadepenser.scoring.dashboard.timeline.Timelines;
import fr.pretadepenser.scoring.schemas.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka listener that fills both views (also the health of the dashboard's reading), and its
 * meters.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

  @Bean
  KafkaFeed kafkaFeed(
      DashboardProperties properties,
      Topics topics,
      DashboardView view,
      MonitoringView monitoring,
      Timelines timelines) {
    return new KafkaFeed(properties.bootstrapServers(), topics, view, monitoring, timelines);
  }

  @Bean
  MeterBinder kafkaMeters(KafkaFeed kafka) {
    return registry -> {
      FunctionCounter.builder("dashboard.kafka.unreadable", kafka, KafkaFeed::unreadable)
          .description("Records skipped because they could not be decoded")
          .register(registry);
      FunctionCounter.builder("dashboard.kafka.restarts", kafka, KafkaFeed::restarts)
          .description("Times the Kafka reader was started again after a failure")
          .register(registry);
    };
  }
}
