package fr.pretadepenser.scoring.dashboard.web;

import fr.pretadepenser.scoring.dashboard.DashboardProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pool every controller runs its blocking work on, sized by the settings. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

  @Bean(destroyMethod = "close")
  Blocking blocking(DashboardProperties properties) {
    return new Blocking(properties.computeThreads(), properties.computeQueue());
  }
}
