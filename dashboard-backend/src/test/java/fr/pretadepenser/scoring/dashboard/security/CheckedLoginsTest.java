package fr.pretadepenser.scoring.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The order of the checks: throttle, then the passwords verified recently, then bcrypt. */
class CheckedLoginsTest {

  /** bcrypt (strength 4, to keep the test fast), counting its checks. */
  static final class CountingEncoder implements PasswordEncoder {
    final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    final AtomicInteger matches = new AtomicInteger();
    volatile CountDownLatch hold;

    @Override
    public String encode(CharSequence raw) {
      return bcrypt.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
      matches.incrementAndGet();
      CountDownLatch h = hold;
      if (h != null) {
        try {
          h.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return bcrypt.matches(raw, encoded);
    }
  }

  final CountingEncoder encoder = new CountingEncoder();
  final MapReactiveUserDetailsService users =
      new MapReactiveUserDetailsService(
          User.withUsername("advisor")
              .password(encoder.encode("right-password"))
              .roles("ADVISOR")
              .build());
  final LoginThrottle throttle =
      new LoginThrottle(LoginThrottle.Policy.DEFAULT, Set.of("advisor"), System::nanoTime);

  static Mono<Authentication> login(
      CheckedLogins logins, String address, String user, String password) {
    ServerWebExchange exchange =
        MockServerWebExchange.from(
            MockServerHttpRequest.get("/api/stats")
                .remoteAddress(new InetSocketAddress(address, 40000)));
    return logins
        .authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, password))
        .contextWrite(c -> c.put(ServerWebExchange.class, exchange));
  }

  @Test
  void aScriptSendingBasicOnEveryRequestPaysBcryptOnce() {
    CheckedLogins logins = new CheckedLogins(users, encoder, throttle, 1, 8);
    try {
      for (int i = 0; i < 50; i++) {
        Authentication a = login(logins, "10.0.0.1", "advisor", "right-password").block();
        assertThat(a.isAuthenticated()).isTrue();
        assertThat(a.getAuthorities()).extracting(Object::toString).contains("ROLE_ADVISOR");
      }
      assertThat(encoder.matches).hasValue(1);
      assertThat(logins.bcryptChecks()).isEqualTo(1);
      // The same user with another password is checked (and refused), not taken from the cache.
      StepVerifier.create(login(logins, "10.0.0.1", "advisor", "right-password2"))
          .expectError(BadCredentialsException.class)
          .verify(Duration.ofSeconds(30));
      assertThat(encoder.matches).hasValue(2);
    } finally {
      logins.close();
    }
  }

  @Test
  void wrongPasswordsNeverEnterTheVerifiedPairsAndLockedAttemptsCostNoBcrypt() {
    CheckedLogins logins = new CheckedLogins(users, encoder, throttle, 1, 8);
    try {
      for (int i = 0; i < 200; i++) {
        StepVerifier.create(login(logins, "10.0.1." + i, "advisor", "guess-" + i))
            .expectError()
            .verify(Duration.ofSeconds(30));
      }
      assertThat(logins.verifiedPairs()).isZero();
      // 200 addresses, one guess each: the user name locked after six, the others refused
      // unchecked.
      // (Eight at most: a loaded machine may take over a second, the first lock, for the 200.)
      assertThat(encoder.matches.get()).isLessThanOrEqualTo(8);
      int before = encoder.matches.get();
      for (int i = 0; i < 100; i++) {
        StepVerifier.create(login(logins, "10.0.2.1", "nobody", "guess-" + i))
            .expectError()
            .verify(Duration.ofSeconds(30));
      }
      // Unknown user names cost no bcrypt at all, and their address is locked after six.
      assertThat(encoder.matches.get()).isEqualTo(before);
      StepVerifier.create(login(logins, "10.0.2.1", "advisor", "right-password"))
          .expectErrorSatisfies(
              e -> {
                assertThat(e).isInstanceOf(LoginRefused.class);
                assertThat(((LoginRefused) e).status().value()).isEqualTo(429);
              })
          .verify(Duration.ofSeconds(30));
    } finally {
      logins.close();
    }
  }

  @Test
  void aFullBcryptPoolAnswersBusyAtOnce() throws Exception {
    // One thread, one waiting: of two more concurrent checks, one waits and the other is refused
    // (503) at once, not queued. Which one is refused depends on which reaches the pool first (CI
    // saw the third arrive before the second), so the test asks that exactly one is refused.
    CheckedLogins logins = new CheckedLogins(users, encoder, throttle, 1, 1);
    encoder.hold = new CountDownLatch(1);
    try {
      var first =
          login(logins, "10.0.3.1", "advisor", "a").subscribeOn(Schedulers.single()).toFuture();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (encoder.matches.get() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      var second =
          login(logins, "10.0.3.2", "advisor", "b")
              .subscribeOn(Schedulers.boundedElastic())
              .toFuture();
      var third =
          login(logins, "10.0.3.3", "advisor", "c")
              .subscribeOn(Schedulers.boundedElastic())
              .toFuture();
      deadline = System.nanoTime() + 5_000_000_000L;
      while (!second.isDone() && !third.isDone() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(second.isDone() ^ third.isDone())
          .as("exactly one of the two extra checks is answered while the pool is full")
          .isTrue();
      var refused = second.isDone() ? second : third;
      assertThat(refused)
          .failsWithin(Duration.ZERO)
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .havingCause()
          .isInstanceOfSatisfying(
              LoginRefused.class, e -> assertThat(e.status().value()).isEqualTo(503));
      encoder.hold.countDown();
      assertThat(first).failsWithin(Duration.ofSeconds(30));
      assertThat(second.isDone() ? third : second).failsWithin(Duration.ofSeconds(30));
    } finally {
      encoder.hold.countDown();
      logins.close();
    }
  }
}
