package fr.pretadepenser.scoring.dashboard.letter;

import fr.pretadepenser.scoring.dashboard.model.ModelService;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The letters, with their own settings ({@code dashboard.letter.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LetterProperties.class)
class LetterConfiguration {

  @Bean
  Letters letters(ModelService model, LetterProperties properties) {
    return new Letters(model::indexOf, properties, Clock.systemUTC());
  }

  @Bean
  LetterPdf letterPdf() {
    return new LetterPdf();
  }
}
