package fr.pretadepenser.scoring.dashboard.security;

import com.github.benmanes.caffeine.cache.Ticker;
import fr.pretadepenser.scoring.dashboard.DashboardProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Set;
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
import org.springframework.security.web.server.header.CrossOriginOpenerPolicyServerHttpHeadersWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Every page and API needs a login (role ADVISOR), except {@code /actuator/health} and the login
 * page itself. Users: {@code advisor} (ADVISOR) and {@code supervisor} (ADVISOR and SUPERVISOR: a
 * supervisor may also override automatic decisions). Browsers log in with a form and keep a
 * session; scripts send HTTP Basic.
 *
 * <p>Without a login: a page gets a redirect to the form; the API and the metrics get 401, with
 * {@code WWW-Authenticate: Basic} for scripts only (a browser's fetch or EventSource would
 * otherwise pop the browser's own password dialog).
 *
 * <p>Logins (form and Basic) go through {@link CheckedLogins}: failed attempts lock their address
 * and user name for a growing time ({@link LoginThrottle}), a password bcrypt accepted is not
 * bcrypt-checked again for a few minutes, and bcrypt runs on a small pool of its own.
 *
 * <p>CSRF: every write that comes with a session cookie must carry the token (cookie {@code
 * XSRF-TOKEN}, sent back as header {@code X-XSRF-TOKEN}, as the pages do), whatever {@code
 * Authorization} header it also has; only a write that authenticates with HTTP Basic and has no
 * session cookie needs none (a browser does not add a Basic header to a cross-site request unless
 * the user typed the password into its dialog, which this site never asks for).
 */
@Configuration
@EnableWebFluxSecurity
class SecurityConfig {

  static final String ROLE = "ADVISOR";
  static final String SUPERVISOR_ROLE = "SUPERVISOR";

  /** The session cookie (WebFlux's default session id resolver). */
  static final String SESSION_COOKIE = "SESSION";

  /**
   * The pages' scripts and styles come from this site only, and no inline script runs (the login
   * page's one script is a file, {@code /login.js}). Inline styles stay allowed: ECharts writes
   * style attributes into its tooltips, and the letter and the training report are standalone pages
   * with their own style element; a style cannot run code.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none';"
          + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /** The dashboard uses none of the browser's powerful features. */
  static final String PERMISSIONS_POLICY =
      "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(),"
          + " magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()";

  @Bean
  SecurityWebFilterChain securityWebFilterChain(
      ServerHttpSecurity http, CheckedLogins logins, LoginAnswers answers) {
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
    DelegatingServerAuthenticationEntryPoint entryPoint =
        new DelegatingServerAuthenticationEntryPoint(
            List.of(
                new DelegatingServerAuthenticationEntryPoint.DelegateEntry(
                    browserScript, new HttpStatusServerEntryPoint(HttpStatus.UNAUTHORIZED)),
                new DelegatingServerAuthenticationEntryPoint.DelegateEntry(
                    api, new HttpBasicServerAuthenticationEntryPoint())));
    entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint("/login"));
    ServerAuthenticationEntryPoint unauthenticated = entryPoint;

    ServerWebExchangeMatcher csrfNeeded =
        exchange ->
            isWrite(exchange) && !basicWithoutSession(exchange)
                ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();

    return http.authorizeExchange(
            exchanges ->
                exchanges
                    .pathMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .pathMatchers("/login", LoginPage.SCRIPT, "/favicon.ico")
                    .permitAll()
                    .anyExchange()
                    .hasRole(ROLE))
        .authenticationManager(logins)
        .httpBasic(
            basic ->
                basic
                    .authenticationManager(logins)
                    .authenticationFailureHandler(answers.basicFailure()))
        .formLogin(
            form ->
                form.loginPage("/login")
                    .authenticationManager(logins)
                    .authenticationSuccessHandler(answers.formSuccess())
                    .authenticationFailureHandler(answers.formFailure()))
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated))
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                    // The pages send the cookie's value back as it is (no BREACH masking: the
                    // token never appears in a compressed response body).
                    .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                    .requireCsrfProtectionMatcher(csrfNeeded))
        // On every response, the login page and the 401s included (Spring's defaults stay:
        // nosniff, frame DENY, no caching).
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .permissionsPolicy(p -> p.policy(PERMISSIONS_POLICY))
                    .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                    .crossOriginOpenerPolicy(c -> c.policy(CrossOriginOpenerPolicy.SAME_ORIGIN)))
        .build();
  }

  static boolean isWrite(ServerWebExchange exchange) {
    HttpMethod m = exchange.getRequest().getMethod();
    return m != HttpMethod.GET
        && m != HttpMethod.HEAD
        && m != HttpMethod.OPTIONS
        && m != HttpMethod.TRACE;
  }

  /**
   * A request that authenticates itself with HTTP Basic and carries no session cookie: a script,
   * which CSRF cannot concern. Any other {@code Authorization} scheme, or a session cookie next to
   * the Basic header, does not exempt the request (the session would authenticate it when the
   * header does not).
   */
  static boolean basicWithoutSession(ServerWebExchange exchange) {
    List<String> authorization =
        exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
    boolean basic =
        authorization.size() == 1 && authorization.get(0).regionMatches(true, 0, "Basic ", 0, 6);
    return basic && !exchange.getRequest().getCookies().containsKey(SESSION_COOKIE);
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
      printGenerated(AdvisorPassword.USER, password.value(), AdvisorPassword.ENV);
    }
    return password;
  }

  @Bean
  SupervisorPassword supervisorPassword(DashboardProperties properties) {
    SupervisorPassword password =
        SupervisorPassword.resolve(
            properties.supervisorPassword(), System.getenv(SupervisorPassword.ENV));
    if (password.generated()) {
      printGenerated(SupervisorPassword.USER, password.value(), SupervisorPassword.ENV);
    }
    return password;
  }

  private static void printGenerated(String user, String password, String env) {
    // Printed, not logged: the operator needs it once, log files keep things.
    System.out.println(
        "Dashboard login: user "
            + user
            + ", generated password "
            + password
            + " (set "
            + env
            + " to choose it)");
    System.out.flush();
  }

  @Bean
  MapReactiveUserDetailsService users(
      AdvisorPassword advisor, SupervisorPassword supervisor, PasswordEncoder encoder) {
    return new MapReactiveUserDetailsService(
        User.withUsername(AdvisorPassword.USER)
            .password(encoder.encode(advisor.value()))
            .roles(ROLE)
            .build(),
        User.withUsername(SupervisorPassword.USER)
            .password(encoder.encode(supervisor.value()))
            .roles(ROLE, SUPERVISOR_ROLE)
            .build());
  }

  @Bean
  LoginThrottle loginThrottle() {
    return new LoginThrottle(
        LoginThrottle.Policy.DEFAULT,
        Set.of(AdvisorPassword.USER, SupervisorPassword.USER),
        Ticker.systemTicker());
  }

  @Bean(destroyMethod = "close")
  CheckedLogins checkedLogins(
      MapReactiveUserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
    // bcrypt on half the cores at most, 64 waiting: wrong passwords (already few, the throttle
    // refuses most unchecked) cannot take every core from the pages.
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    return new CheckedLogins(users, encoder, throttle, threads, 64);
  }

  @Bean
  LoginAnswers loginAnswers() {
    return new LoginAnswers();
  }

  @Bean
  MeterBinder loginMeters(LoginThrottle throttle, CheckedLogins logins) {
    return registry -> {
      FunctionCounter.builder("dashboard.login.failures", throttle, LoginThrottle::failures)
          .description("Logins whose password was checked and wrong (or user unknown)")
          .register(registry);
      FunctionCounter.builder("dashboard.login.refused", throttle, LoginThrottle::refused)
          .description("Logins refused unchecked: their address or user name was locked")
          .register(registry);
      FunctionCounter.builder("dashboard.login.bcrypt", logins, CheckedLogins::bcryptChecks)
          .description("Passwords checked with bcrypt (the others matched a recent check)")
          .register(registry);
    };
  }
}
