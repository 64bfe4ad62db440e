package fr.pretadepenser.scoring.dashboard.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Checks the user name and password of a login (the form's and every HTTP Basic request's), in this
 * order:
 *
 * <ol>
 *   <li>the {@link LoginThrottle}: an address or user name locked after failed attempts is refused
 *       at once ({@link LoginRefused}, 429), its password not looked at;
 *   <li>the passwords verified recently: a script sending HTTP Basic on every request pays bcrypt
 *       once per {@link #VERIFIED_FOR}, then an HMAC-SHA256 of (user name, password) under a secret
 *       drawn at start is looked up among the pairs bcrypt accepted. Only accepted pairs go in, so
 *       wrong passwords cannot fill it, and the secret makes the keys worthless outside this
 *       process (a heap dump holds no unsalted hash of the password);
 *   <li>bcrypt, on the {@code delegate}'s own small pool (see {@code SecurityConfig}): a full pool
 *       answers 503 at once ({@link LoginRefused#busy()}) rather than queue without end.
 * </ol>
 *
 * The client address comes from the exchange that Spring Security puts in the Reactor context.
 */
final class CheckedLogins implements ReactiveAuthenticationManager {

  /** How long a password bcrypt accepted is taken without bcrypt again. */
  static final Duration VERIFIED_FOR = Duration.ofMinutes(5);

  /** Pairs (user, password) kept verified at most: a handful of users, a few password changes. */
  static final int VERIFIED_MAX = 64;

  private final ReactiveAuthenticationManager delegate;
  private final LoginThrottle throttle;
  private final Cache<String, Authentication> verified =
      Caffeine.newBuilder().maximumSize(VERIFIED_MAX).expireAfterWrite(VERIFIED_FOR).build();
  private final SecretKeySpec secret;
  private final AtomicLong bcryptChecks = new AtomicLong();
  private final Scheduler pool;

  /**
   * Checks passwords against {@code users} with bcrypt on a pool of its own: {@code threads}
   * threads, {@code queue} checks waiting at most.
   */
  CheckedLogins(
      ReactiveUserDetailsService users,
      PasswordEncoder encoder,
      LoginThrottle throttle,
      int threads,
      int queue) {
    this(Schedulers.newBoundedElastic(threads, queue, "login-check"), users, encoder, throttle);
  }

  private CheckedLogins(
      Scheduler pool, ReactiveUserDetailsService users, PasswordEncoder encoder, LoginThrottle t) {
    this(bcrypt(users, encoder, pool), t, pool);
  }

  private static UserDetailsRepositoryReactiveAuthenticationManager bcrypt(
      ReactiveUserDetailsService users, PasswordEncoder encoder, Scheduler pool) {
    UserDetailsRepositoryReactiveAuthenticationManager m =
        new UserDetailsRepositoryReactiveAuthenticationManager(users);
    m.setPasswordEncoder(encoder);
    m.setScheduler(pool);
    return m;
  }

  /** For the tests: {@code delegate} checks the passwords. */
  CheckedLogins(ReactiveAuthenticationManager delegate, LoginThrottle throttle) {
    this(delegate, throttle, null);
  }

  private CheckedLogins(
      ReactiveAuthenticationManager delegate, LoginThrottle throttle, Scheduler pool) {
    this.pool = pool;
    this.delegate = delegate;
    this.throttle = throttle;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.secret = new SecretKeySpec(key, "HmacSHA256");
  }

  @Override
  public Mono<Authentication> authenticate(Authentication attempt) {
    if (!(attempt instanceof UsernamePasswordAuthenticationToken)) {
      return delegate.authenticate(attempt);
    }
    String user = attempt.getName();
    String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
    return Mono.deferContextual(
        context -> {
          Optional<ServerWebExchange> exchange = context.getOrEmpty(ServerWebExchange.class);
          String address =
              exchange
                  .map(e -> LoginThrottle.addressKey(e.getRequest().getRemoteAddress()))
                  .orElse("unknown");
          String how = exchange.map(CheckedLogins::how).orElse("login");
          Optional<Duration> locked = throttle.begin(address, user);
          if (locked.isPresent()) {
            return Mono.error(LoginRefused.locked(locked.get()));
          }
          String key = fingerprint(user, password);
          Authentication known = verified.getIfPresent(key);
          if (known != null) {
            throttle.succeeded(address, user);
            return Mono.just(known);
          }
          bcryptChecks.incrementAndGet();
          return delegate
              .authenticate(attempt)
              .doOnNext(
                  ok -> {
                    verified.put(key, ok);
                    throttle.succeeded(address, user);
                  })
              .onErrorMap(RejectedExecutionException.class, e -> LoginRefused.busy())
              .doOnError(
                  e -> {
                    if (!(e instanceof LoginRefused)) {
                      throttle.failed(address, user, how);
                    }
                  });
        });
  }

  private static String how(ServerWebExchange exchange) {
    return exchange.getRequest().getMethod() == HttpMethod.POST
            && "/login".equals(exchange.getRequest().getPath().pathWithinApplication().value())
        ? "form"
        : "HTTP Basic";
  }

  private String fingerprint(String user, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(secret);
      mac.update(user.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Stops the bcrypt pool. */
  void close() {
    if (pool != null) {
      pool.dispose();
    }
  }

  /** Passwords checked with bcrypt since start (for the meters and the tests). */
  long bcryptChecks() {
    return bcryptChecks.get();
  }

  /** Pairs held verified now. */
  long verifiedPairs() {
    verified.cleanUp();
    return verified.estimatedSize();
  }
}
