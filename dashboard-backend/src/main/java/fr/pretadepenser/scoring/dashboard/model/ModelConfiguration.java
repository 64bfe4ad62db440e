package fr.pretadepenser.scoring.dashboard.model;

import fr.pretadepenser.scoring.dashboard.DashboardProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The model bundle named by the settings, loaded once, and the explanations built on it. */
@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

  @Bean(destroyMethod = "close")
  ModelService modelService(DashboardProperties properties) {
    return ModelService.load(properties.model());
  }

  @Bean
  Explanations explanations(ModelService model) {
    return new Explanations(model);
  }
}
