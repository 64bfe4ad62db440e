package fr.pretadepenser.scoring.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The lock policy of failed logins, on a clock of the test's own. */
class LoginThrottleTest {

  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final LoginThrottle throttle =
      new LoginThrottle(LoginThrottle.Policy.DEFAULT, Set.of("advisor", "supervisor"), now::get);

  void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  /** An attempt that is let in and whose password turns out wrong. */
  void fail(String address, String user) {
    assertThat(throttle.begin(address, user)).as("let in").isEmpty();
    throttle.failed(address, user, "test");
  }

  @Test
  void fiveFreeFailuresThenALockThatDoublesUpToFiveMinutes() {
    for (int i = 0; i < 5; i++) {
      fail("10.0.0.1", "advisor");
    }
    // The sixth is let in (and checked); it earns the first lock, 1 s.
    fail("10.0.0.1", "advisor");
    Optional<Duration> wait = throttle.begin("10.0.0.1", "advisor");
    assertThat(wait).hasValue(Duration.ofSeconds(1));
    // Refused attempts are not counted: the lock does not grow while the client hammers.
    for (int i = 0; i < 100; i++) {
      assertThat(throttle.begin("10.0.0.1", "nobody")).isPresent();
    }
    assertThat(throttle.refused()).isEqualTo(101);
    long[] expected = {2, 4, 8, 16, 32, 64, 128, 256, 300, 300};
    for (long seconds : expected) {
      advance(throttle.begin("10.0.0.1", "nobody").orElseThrow());
      fail("10.0.0.1", "nobody");
      assertThat(throttle.begin("10.0.0.1", "nobody")).hasValue(Duration.ofSeconds(seconds));
    }
    // Another address is not held by this one's lock (but the user name, tried from here six
    // times, is locked for a new address).
    assertThat(throttle.begin("10.0.0.2", "nobody")).isEmpty();
    assertThat(throttle.failures()).isEqualTo(16);
  }

  @Test
  void countsAreForgottenAfterFifteenMinutesWithoutFailure() {
    for (int i = 0; i < 6; i++) {
      fail("10.0.0.1", "nobody");
    }
    assertThat(throttle.begin("10.0.0.1", "nobody")).isPresent();
    advance(Duration.ofMinutes(16));
    for (int i = 0; i < 5; i++) {
      fail("10.0.0.1", "nobody");
    }
    assertThat(throttle.begin("10.0.0.1", "nobody")).as("five free again").isEmpty();
  }

  @Test
  void aSuccessfulLoginResetsItsAddressAndItsUser() {
    for (int i = 0; i < 5; i++) {
      fail("10.0.0.1", "advisor");
    }
    assertThat(throttle.begin("10.0.0.1", "advisor")).isEmpty();
    throttle.succeeded("10.0.0.1", "advisor");
    for (int i = 0; i < 5; i++) {
      fail("10.0.0.1", "advisor");
    }
    assertThat(throttle.begin("10.0.0.1", "advisor")).isEmpty();
  }

  @Test
  void manyAddressesLockTheUserNameButNotForAnAddressItSignedInFrom() {
    // The advisor signed in from the office yesterday... well, an hour ago.
    assertThat(throttle.begin("192.0.2.10", "advisor")).isEmpty();
    throttle.succeeded("192.0.2.10", "advisor");
    advance(Duration.ofHours(1));
    // Six addresses guess the advisor's password once each: none is locked by its own count.
    for (int i = 1; i <= 6; i++) {
      fail("198.51.100." + i, "advisor");
    }
    // The name is now locked for a seventh address...
    assertThat(throttle.begin("198.51.100.7", "advisor")).hasValue(Duration.ofSeconds(1));
    // ... while another name from there is not,
    assertThat(throttle.begin("198.51.100.7", "supervisor")).isEmpty();
    // and the advisor at the office still gets in.
    assertThat(throttle.begin("192.0.2.10", "advisor")).isEmpty();
  }

  @Test
  void namesThatAreNotUsersAreNotCountedPerNameAndAddressesAreBounded() {
    LoginThrottle small =
        new LoginThrottle(
            new LoginThrottle.Policy(
                5,
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(15),
                100,
                Duration.ofHours(24)),
            Set.of("advisor"),
            now::get);
    for (int i = 0; i < 20_000; i++) {
      String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
      assertThat(small.begin(address, "random-" + i)).isEmpty();
      small.failed(address, "random-" + i, "test");
    }
    assertThat(small.addressesCounted()).isLessThanOrEqualTo(100);
    // 20,000 failures under random names: no name is locked.
    assertThat(small.begin("10.9.9.9", "random-7")).isEmpty();
  }

  @Test
  void ipv6AddressesAreCountedPerSixtyFourBlock() throws Exception {
    String a =
        LoginThrottle.addressKey(
            new InetSocketAddress(InetAddress.getByName("2001:db8:1:2:aaaa::1"), 1234));
    String b =
        LoginThrottle.addressKey(
            new InetSocketAddress(InetAddress.getByName("2001:db8:1:2:bbbb::99"), 4321));
    String c =
        LoginThrottle.addressKey(
            new InetSocketAddress(InetAddress.getByName("2001:db8:1:3::1"), 1234));
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
    assertThat(
            LoginThrottle.addressKey(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 1)))
        .isEqualTo("192.0.2.7");
    assertThat(LoginThrottle.addressKey(null)).isEqualTo("unknown");
  }

  @Test
  void aUserNameIsLoggedPrintableAndShort() {
    assertThat(LoginThrottle.printable("advisor\r\nFAKE LOG LINE"))
        .isEqualTo("advisor??FAKE LOG LINE");
    assertThat(LoginThrottle.printable("x".repeat(1000))).hasSize(67).endsWith("...");
  }
}
