package fr.pretadepenser.scoring.dashboard.decisions;

import fr.pretadepenser.scoring.dashboard.DashboardProperties;
import fr.pretadepenser.scoring.intake.DecisionIds;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The view of the decisions, sized by the settings, and its meters. */
@Configuration(proxyBeanMethods = false)
class DecisionsConfiguration {

  @Bean
  DashboardView dashboardView(DashboardProperties properties, DecisionStream stream) {
    return new DashboardView(
        properties.recentDecisions(),
        properties.clients(),
        properties.pendingApplications(),
        stream,
        Clock.systemUTC());
  }

  /** The new-application route answers a re-sent application with its decision's id from here. */
  @Bean
  DecisionIds decisionIds(DashboardView view) {
    return view::decisionId;
  }

  /** The view's counts, next to Spring's meters at {@code /actuator/prometheus}. */
  @Bean
  MeterBinder decisionMeters(DashboardView view) {
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
              "dashboard.rejected.decisions", view, v -> v.stats().rejectedDecisions())
          .description("Decisions the explainer dead-lettered, shown as REJECTED")
          .register(registry);
    };
  }
}
