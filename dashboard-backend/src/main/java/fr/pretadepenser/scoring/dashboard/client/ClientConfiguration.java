package fr.pretadepenser.scoring.dashboard.client;

import fr.pretadepenser.scoring.dashboard.model.Explanations;
import fr.pretadepenser.scoring.dashboard.model.ModelService;
import fr.pretadepenser.scoring.dashboard.oversight.Oversight;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The client files and the comparisons, on the loaded model. */
@Configuration(proxyBeanMethods = false)
class ClientConfiguration {

  @Bean
  ClientFiles clientFiles(ModelService model, Explanations explanations, Oversight oversight) {
    return new ClientFiles(model, explanations, oversight);
  }

  @Bean
  Comparisons comparisons(ModelService model) {
    return new Comparisons(model);
  }
}
