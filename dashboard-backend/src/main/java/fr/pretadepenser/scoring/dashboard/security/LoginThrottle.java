package fr.pretadepenser.scoring.dashboard.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed logins, counted per client address and per user name, and the lock they earn (the policy
 * is in the module's README, "Failed logins").
 *
 * <p>An attempt is counted when it begins, before its password is checked, and forgotten when it
 * succeeds: so concurrent attempts cannot all slip in before the first failure is known, and
 * checking the password (bcrypt) is only ever paid for an attempt that was let in. Beyond {@link
 * Policy#freeFailures()} counted attempts, the address (or user name) is locked for {@link
 * Policy#firstLock()}, doubling with each further one up to {@link Policy#maxLock()}; an attempt
 * while locked is refused without looking at the password and not counted (one refused for its user
 * name's lock still counts against its address, which keeps trying a locked name). Counts are
 * forgotten {@link Policy#forgetAfter()} after the last one.
 *
 * <p>Bounded: at most {@link Policy#maxEntries()} addresses (the least used evicted first: an
 * evicted address has its count reset, and a new one only gets {@code freeFailures} attempts
 * anyway); only the dashboard's own user names are counted (a name that does not exist costs no
 * bcrypt and could otherwise fill the map); IPv6 addresses are counted per /64, the block a single
 * machine usually gets. The user-name lock does not apply from an address this user signed in from
 * during {@link Policy#knownAddressFor()}: many addresses guessing the advisor's password lock the
 * name for the others, not for the advisor's own office.
 *
 * <p>The client address is the TCP peer: a forwarded-for header is not trusted, since any client
 * could write one to get a fresh count with every request.
 */
final class LoginThrottle {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

  /**
   * The lock policy.
   *
   * @param freeFailures failed attempts before the first lock
   * @param firstLock the first lock, doubled with every further failure
   * @param maxLock the longest lock
   * @param forgetAfter how long a count is kept after its last failure
   * @param maxEntries addresses (and, separately, known user/address pairs) remembered at most
   * @param knownAddressFor how long a successful sign-in exempts its address from the user lock
   */
  record Policy(
      int freeFailures,
      Duration firstLock,
      Duration maxLock,
      Duration forgetAfter,
      int maxEntries,
      Duration knownAddressFor) {

    static final Policy DEFAULT =
        new Policy(
            5,
            Duration.ofSeconds(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            10_000,
            Duration.ofHours(24));

    Policy {
      if (freeFailures < 1 || maxEntries < 1) {
        throw new IllegalArgumentException("free failures and entries must be at least 1");
      }
      if (firstLock.isNegative() || maxLock.compareTo(firstLock) < 0) {
        throw new IllegalArgumentException("the locks must be 0 <= first <= max");
      }
      if (forgetAfter.compareTo(maxLock) < 0) {
        throw new IllegalArgumentException("counts must be kept at least as long as a lock");
      }
    }

    /** How long {@code failures} counted attempts lock their address or user name. */
    Duration lockAfter(int failures) {
      if (failures <= freeFailures) {
        return Duration.ZERO;
      }
      int doublings = Math.min(failures - freeFailures - 1, 30);
      long nanos = firstLock.toNanos();
      for (int i = 0; i < doublings && nanos < maxLock.toNanos(); i++) {
        nanos *= 2;
      }
      return Duration.ofNanos(Math.min(nanos, maxLock.toNanos()));
    }
  }

  /** Counted attempts of one address or user name, and when the last one began. */
  private record Count(int failures, long lastNanos) {}

  private final Policy policy;
  private final Set<String> users;
  private final Ticker ticker;
  private final Cache<String, Count> byAddress;
  private final Cache<String, Count> byUser;
  private final Cache<String, Boolean> knownAddresses;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  /**
   * @param users the dashboard's user names: only theirs are counted per name
   * @param ticker nanoseconds (the tests' clock; {@link Ticker#systemTicker()} otherwise)
   */
  LoginThrottle(Policy policy, Set<String> users, Ticker ticker) {
    this.policy = policy;
    this.users = Set.copyOf(users);
    this.ticker = ticker;
    this.byAddress = counts(policy, ticker);
    this.byUser = counts(policy, ticker);
    this.knownAddresses =
        Caffeine.newBuilder()
            .maximumSize(policy.maxEntries())
            .expireAfterWrite(policy.knownAddressFor())
            .ticker(ticker)
            .build();
  }

  private static Cache<String, Count> counts(Policy policy, Ticker ticker) {
    return Caffeine.newBuilder()
        .maximumSize(policy.maxEntries())
        .expireAfterWrite(policy.forgetAfter())
        .ticker(ticker)
        .build();
  }

  /**
   * Lets an attempt in, counted, or says how long its address or user name stays locked (the
   * attempt is then refused and not counted).
   */
  Optional<Duration> begin(String address, String user) {
    Optional<Duration> wait = take(byAddress, address);
    if (wait.isPresent()) {
      refused.incrementAndGet();
      return wait;
    }
    if (users.contains(user) && knownAddresses.getIfPresent(known(user, address)) == null) {
      wait = take(byUser, user);
      if (wait.isPresent()) {
        refused.incrementAndGet();
        return wait;
      }
    } else if (users.contains(user)) {
      // From an address this user signed in from: not held by the name's lock, still counted.
      byUser.asMap().merge(user, new Count(1, ticker.read()), this::plusOne);
    }
    return Optional.empty();
  }

  /** Atomically: the remaining lock of {@code key}, or one more counted attempt. */
  private Optional<Duration> take(Cache<String, Count> counts, String key) {
    long now = ticker.read();
    long[] remaining = {0};
    counts
        .asMap()
        .compute(
            key,
            (k, c) -> {
              if (c != null) {
                long left = c.lastNanos() + policy.lockAfter(c.failures()).toNanos() - now;
                if (left > 0) {
                  remaining[0] = left;
                  return c;
                }
              }
              return c == null ? new Count(1, now) : new Count(c.failures() + 1, now);
            });
    return remaining[0] > 0 ? Optional.of(Duration.ofNanos(remaining[0])) : Optional.empty();
  }

  private Count plusOne(Count a, Count b) {
    return new Count(a.failures() + 1, b.lastNanos());
  }

  /** The attempt's password was right: its address and user name start afresh. */
  void succeeded(String address, String user) {
    byAddress.invalidate(address);
    if (users.contains(user)) {
      byUser.invalidate(user);
      knownAddresses.put(known(user, address), Boolean.TRUE);
    }
  }

  /**
   * The attempt's password was wrong (or its user unknown): logged at WARN with the user name as
   * typed (made printable, cut to 64 characters), never the password.
   */
  void failed(String address, String user, String how) {
    failures.incrementAndGet();
    Count c = byAddress.getIfPresent(address);
    int n = c == null ? 1 : c.failures();
    Duration lock = policy.lockAfter(n);
    LOG.warn(
        "Failed login ({}) for user '{}' from {}: {} failed attempt(s) from this address within"
            + " {} min{}",
        how,
        printable(user),
        address,
        n,
        policy.forgetAfter().toMinutes(),
        lock.isZero() ? "" : "; address locked for " + Math.max(1, lock.toSeconds()) + " s");
  }

  /** Attempts whose password was checked and wrong. */
  long failures() {
    return failures.get();
  }

  /** Attempts refused unchecked because their address or user name was locked. */
  long refused() {
    return refused.get();
  }

  /** Addresses counted now (for the tests: the bound). */
  long addressesCounted() {
    byAddress.cleanUp();
    return byAddress.estimatedSize();
  }

  private static String known(String user, String address) {
    return user + ' ' + address;
  }

  /** A user name as it may appear in a log line: no control characters, at most 64 chars. */
  static String printable(String user) {
    if (user == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    user.codePoints()
        .limit(64)
        .forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return user.codePointCount(0, user.length()) > 64 ? out + "..." : out.toString();
  }

  /**
   * The key of a client address: the IPv4 address, or the /64 block of an IPv6 one; "unknown"
   * without one.
   */
  static String addressKey(InetSocketAddress remote) {
    if (remote == null || remote.getAddress() == null) {
      return "unknown";
    }
    InetAddress a = remote.getAddress();
    if (a instanceof Inet6Address) {
      byte[] b = a.getAddress();
      return HexFormat.of().formatHex(b, 0, 8) + "::/64";
    }
    return a.getHostAddress();
  }
}
