package fr.pretadepenser.scoring.dashboard.monitoring;

import fr.pretadepenser.scoring.dashboard.DashboardProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The view of the monitor's snapshots and alerts, sized by the settings, and its meters. */
@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

  @Bean
  MonitoringView monitoringView(DashboardProperties properties) {
    return new MonitoringView(properties.monitoringSnapshots(), properties.monitoringAlerts());
  }

  @Bean
  MeterBinder monitoringMeters(MonitoringView monitoring) {
    return registry -> {
      FunctionCounter.builder(
              "dashboard.monitoring.snapshots", monitoring, MonitoringView::snapshots)
          .description("Monitoring snapshots read since the start")
          .register(registry);
      FunctionCounter.builder("dashboard.monitoring.alerts", monitoring, MonitoringView::alertCount)
          .description("Model alerts read since the start")
          .register(registry);
    };
  }
}
