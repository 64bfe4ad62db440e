package fr.pretadepenser.scoring.ingest.intake;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;

/**
 * The intake accepts writes, so it needs a login: HTTP Basic, user {@value #USER}, the convention
 * of the dashboard's scripts. The password is {@code intake.password}, else the environment
 * variable {@value #ENV}, else generated and printed once to the console (never to a log).
 *
 * <p>No session and no CSRF token: the callers are programs that authenticate every request with
 * its {@code Authorization} header, which a browser on another site cannot forge.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class IntakeSecurity {

  static final String USER = "advisor";
  static final String ENV = "SCORING_ADVISOR_PASSWORD";

  @Bean
  SecurityWebFilterChain intakeFilterChain(ServerHttpSecurity http) {
    return http.authorizeExchange(
            exchanges ->
                exchanges
                    .pathMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .anyExchange()
                    .authenticated())
        .httpBasic(basic -> {})
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .build();
  }

  @Bean
  MapReactiveUserDetailsService intakeUsers(IntakeProperties properties) {
    String password = properties.password();
    if (password == null || password.isBlank()) {
      password = System.getenv(ENV);
    }
    if (password == null || password.isBlank()) {
      byte[] random = new byte[15];
      new SecureRandom().nextBytes(random);
      password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      // Printed, not logged: the operator needs it once, log files keep things.
      System.out.println(
          "Intake login: user "
              + USER
              + ", generated password "
              + password
              + " (set "
              + ENV
              + " to choose it)");
      System.out.flush();
    }
    PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    return new MapReactiveUserDetailsService(
        User.withUsername(USER).password(encoder.encode(password)).roles("INTAKE").build());
  }
}
