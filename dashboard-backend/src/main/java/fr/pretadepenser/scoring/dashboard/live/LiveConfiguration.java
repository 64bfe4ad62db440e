package fr.pretadepenser.scoring.dashboard.live;

import fr.pretadepenser.scoring.dashboard.DashboardProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The live stream, sized by the settings: it is also the view's {@code DecisionStream}, the one
 * thing the decisions package knows of it. And its meters.
 */
@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

  @Bean
  LiveFeed liveFeed(DashboardProperties properties) {
    return new LiveFeed(properties.streamRing(), properties.clientBuffer());
  }

  @Bean
  MeterBinder liveMeters(LiveFeed feed) {
    return registry -> {
      Gauge.builder("dashboard.stream.clients", feed, LiveFeed::subscribers)
          .description("Browsers connected to the live stream")
          .register(registry);
      FunctionCounter.builder("dashboard.stream.overflows", feed, LiveFeed::overflows)
          .description("Live streams ended because their browser fell a whole buffer behind")
          .register(registry);
    };
  }
}
