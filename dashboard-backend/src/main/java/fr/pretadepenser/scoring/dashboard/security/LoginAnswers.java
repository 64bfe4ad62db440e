package fr.pretadepenser.scoring.dashboard.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.authentication.HttpBasicServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * What a login attempt is answered: after the form, the page asked for before it ({@link DeepLink})
 * or back to the form saying why; after HTTP Basic, 401 as before, or 429/503 with {@code
 * Retry-After} when {@link CheckedLogins} refused it unchecked.
 *
 * <p>A refused attempt is answered after up to {@link #HOLD} (the tarpit): a client that keeps
 * trying gets at most one answer a second per connection, so hammering a locked address costs it
 * time rather than costing the dashboard work. At most {@link #MAX_HELD} answers are held at once
 * (each holds a connection open); beyond, they are sent at once.
 */
final class LoginAnswers {

  static final Duration HOLD = Duration.ofSeconds(1);
  static final int MAX_HELD = 512;

  private final ServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();
  private final RedirectServerAuthenticationSuccessHandler savedRequest =
      new RedirectServerAuthenticationSuccessHandler("/");
  private final ServerAuthenticationFailureHandler basic401 =
      new ServerAuthenticationEntryPointFailureHandler(
          new HttpBasicServerAuthenticationEntryPoint());
  private final AtomicInteger held = new AtomicInteger();

  /** After the form: the deep link when the form carried a valid one, else as Spring does. */
  ServerAuthenticationSuccessHandler formSuccess() {
    return (filterExchange, authentication) ->
        filterExchange
            .getExchange()
            .getFormData()
            .flatMap(
                form -> {
                  Optional<String> to = DeepLink.target(form.getFirst(LoginPage.CONTINUE));
                  return to.isPresent()
                      ? redirect.sendRedirect(filterExchange.getExchange(), URI.create(to.get()))
                      : savedRequest.onAuthenticationSuccess(filterExchange, authentication);
                });
  }

  /**
   * After a failed form: {@code /login?error}, {@code ?locked=SECONDS} or {@code ?busy}, keeping
   * the deep link.
   */
  ServerAuthenticationFailureHandler formFailure() {
    return (filterExchange, e) -> {
      ServerWebExchange exchange = filterExchange.getExchange();
      return exchange
          .getFormData()
          .flatMap(
              form -> {
                String link = form.getFirst(LoginPage.CONTINUE);
                UriComponentsBuilder to = UriComponentsBuilder.fromPath("/login");
                if (e instanceof LoginRefused r) {
                  to =
                      r.locked()
                          ? to.queryParam("locked", r.retryAfterSeconds())
                          : to.query("busy");
                } else {
                  to = to.query("error");
                }
                if (DeepLink.target(link).isPresent()) {
                  to = to.queryParam(LoginPage.CONTINUE, link);
                }
                Mono<Void> answer = redirect.sendRedirect(exchange, to.encode().build().toUri());
                return e instanceof LoginRefused r && r.locked() ? hold(answer) : answer;
              });
    };
  }

  /** After HTTP Basic: 401 (and the Basic challenge) for a wrong password, 429/503 refused. */
  ServerAuthenticationFailureHandler basicFailure() {
    return (filterExchange, e) ->
        e instanceof LoginRefused r
            ? refuse(filterExchange.getExchange(), r)
            : basic401.onAuthenticationFailure(filterExchange, e);
  }

  private Mono<Void> refuse(ServerWebExchange exchange, LoginRefused refused) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(refused.status());
    response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    String message = message(refused, french(exchange));
    byte[] body =
        ("{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    Mono<Void> answer =
        Mono.defer(() -> response.writeWith(Mono.just(response.bufferFactory().wrap(body))));
    return refused.locked() ? hold(answer) : answer;
  }

  static String message(LoginRefused refused, boolean french) {
    long s = refused.retryAfterSeconds();
    if (refused.locked()) {
      return french
          ? "Trop de connexions échouées depuis cette adresse ou pour cet utilisateur :"
              + " réessayez dans "
              + s
              + " s."
          : "Too many failed sign-ins from this address or for this user: try again in "
              + s
              + " s.";
    }
    return french
        ? "Trop de connexions à vérifier en même temps : réessayez dans un instant."
        : "Too many sign-ins to check at once: try again in a moment.";
  }

  private static boolean french(ServerWebExchange exchange) {
    List<Locale.LanguageRange> ranges;
    try {
      ranges = exchange.getRequest().getHeaders().getAcceptLanguage();
    } catch (IllegalArgumentException e) {
      return false;
    }
    return !ranges.isEmpty() && ranges.get(0).getRange().toLowerCase(Locale.ROOT).startsWith("fr");
  }

  /** The tarpit: the answer after up to {@link #HOLD}, unless too many are held already. */
  private Mono<Void> hold(Mono<Void> answer) {
    if (held.incrementAndGet() > MAX_HELD) {
      held.decrementAndGet();
      return answer;
    }
    return Mono.delay(HOLD).then(answer).doFinally(s -> held.decrementAndGet());
  }

  /** Answers held now (for the tests). */
  int held() {
    return held.get();
  }
}
