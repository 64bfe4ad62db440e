package fr.pretadepenser.scoring.dashboard.security;

import fr.pretadepenser.scoring.dashboard.DashboardProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.HttpBasicServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.HttpStatusServerEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Every page and API needs the advisor's login (role ADVISOR), except {@code /actuator/health}.
 * Browsers log in with a form and keep a session; scripts send HTTP Basic.
 *
 * <p>Without a login: a page gets a redirect to the form; the API and the metrics get 401, with
 * {@code WWW-Authenticate: Basic} for scripts only (a browser's fetch or EventSource would
 * otherwise pop the browser's own password dialog).
 *
 * <p>CSRF: session-authenticated writes must carry the token (cookie {@code XSRF-TOKEN}, sent back
 * as header {@code X-XSRF-TOKEN}, as the pages do); a request with an {@code Authorization} header
 * authenticates itself and needs none.
 */
@Configuration
@EnableWebFluxSecurity
class SecurityConfig {

  static final String ROLE = "ADVISOR";

  /** The role that may override automatic decisions (the user {@code supervisor} has both). */
  static final String SUPERVISOR = "SUPERVISOR";

  @Bean
  SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
    ServerWebExchangeMatcher api =
        ServerWebExchangeMatchers.pathMatchers("/api/**", "/actuator/**", "/v3/api-docs/**");
    ServerWebExchangeMatcher browserScript =
        exchange -> {
          HttpHeaders h = exchange.getRequest().getHeaders();
          boolean xhr = "XMLHttpRequest".equals(h.getFirst("X-Requested-With"));
          String accept = h.getFirst(HttpHeaders.ACCEPT);
          boolean sse = accept != null && accept.contains("text/event-stream");
          return xhr || sse
              ? ServerWebExchangeMatcher.MatchResult.match()
              : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    ServerAuthenticationEntryPoint entryPoint =
        new DelegatingServerAuthenticationEntryPoint(
            List.of(
                new DelegatingServerAuthenticationEntryPoint.DelegateEntry(
                    browserScript, new HttpStatusServerEntryPoint(HttpStatus.UNAUTHORIZED)),
                new DelegatingServerAuthenticationEntryPoint.DelegateEntry(
                    api, new HttpBasicServerAuthenticationEntryPoint())));
    ((DelegatingServerAuthenticationEntryPoint) entryPoint)
        .setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint("/login"));

    ServerWebExchangeMatcher csrfNeeded =
        exchange -> {
          HttpMethod m = exchange.getRequest().getMethod();
          boolean write =
              m != HttpMethod.GET
                  && m != HttpMethod.HEAD
                  && m != HttpMethod.OPTIONS
                  && m != HttpMethod.TRACE;
          boolean selfAuthenticated =
              exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
          return write && !selfAuthenticated
              ? ServerWebExchangeMatcher.MatchResult.match()
              : ServerWebExchangeMatcher.MatchResult.notMatch();
        };

    return http.authorizeExchange(
            exchanges ->
                exchanges
                    .pathMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .pathMatchers("/login", "/favicon.ico")
                    .permitAll()
                    .anyExchange()
                    .hasRole(ROLE))
        .httpBasic(basic -> {})
        .formLogin(form -> form.loginPage("/login"))
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                    // The pages send the cookie's value back as it is (no BREACH masking: the
                    // token never appears in a compressed response body).
                    .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                    .requireCsrfProtectionMatcher(csrfNeeded))
        .build();
  }

  /** Makes sure the CSRF cookie is written on every response, so the pages can read it. */
  @Bean
  WebFilter csrfCookieFilter() {
    return (exchange, chain) -> {
      Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
      return (token == null ? Mono.<CsrfToken>empty() : token).then(chain.filter(exchange));
    };
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  AdvisorPassword advisorPassword(DashboardProperties properties) {
    AdvisorPassword password =
        AdvisorPassword.resolve(properties.advisorPassword(), System.getenv(AdvisorPassword.ENV));
    if (password.generated()) {
      // Printed, not logged: the operator needs it once, log files keep things.
      System.out.println(
          "Dashboard login: user "
              + AdvisorPassword.USER
              + ", generated password "
              + password.value()
              + " (set "
              + AdvisorPassword.ENV
              + " to choose it)");
      System.out.flush();
    }
    return password;
  }

  @Bean
  MapReactiveUserDetailsService users(
      AdvisorPassword password, DashboardProperties properties, PasswordEncoder encoder) {
    AdvisorPassword supervisor =
        AdvisorPassword.resolve(
            properties.supervisorPassword(), System.getenv(AdvisorPassword.SUPERVISOR_ENV));
    if (supervisor.generated()) {
      // Printed once, like the advisor's.
      System.out.println(
          "Dashboard login: user "
              + AdvisorPassword.SUPERVISOR_USER
              + ", generated password "
              + supervisor.value()
              + " (set "
              + AdvisorPassword.SUPERVISOR_ENV
              + " to choose it)");
      System.out.flush();
    }
    return new MapReactiveUserDetailsService(
        User.withUsername(AdvisorPassword.USER)
            .password(encoder.encode(password.value()))
            .roles(ROLE)
            .build(),
        User.withUsername(AdvisorPassword.SUPERVISOR_USER)
            .password(encoder.encode(supervisor.value()))
            .roles(ROLE, SUPERVISOR)
            .build());
  }
}
