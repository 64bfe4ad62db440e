package fr.pretadepenser.scoring.explainer;

import fr.pretadepenser.scoring.schemas.Topics;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the streaming explainer connects: the broker, the topics, its consumer group, its
 * transactional id prefix, how many consumer threads it runs, and how it comes back after a crash.
 *
 * <p>The timeline of a kill -9 of an explainer, and what each setting shortens in it (the explainer
 * has no state, so there is nothing to restore):
 *
 * <ol>
 *   <li>The dead instance's open transaction holds its consumed offsets, uncommitted. Every
 *       consumer of the group asking for those offsets (the restarted instance, or the one that
 *       takes its partitions over) is told they are unstable and waits, and every read_committed
 *       reader of {@code loan-decisions-explained} is held back, until the transaction is aborted:
 *       after {@code transactionTimeoutMs} (the producer's default is 60 s), or at once when the
 *       restarted instance fences its transactional ids before it consumes ({@link
 *       ExplainerService#start}). A new producer would fence them too, but only once a poll has
 *       returned records, and that poll waits for the offsets: without the early fence, a restart
 *       always paid the whole transaction timeout.
 *   <li>The dead member stays in the group until {@code sessionTimeoutMs} without a heartbeat (the
 *       consumer's default is 45 s), and a rebalance waits for it. With an {@code instanceId}
 *       (static membership) the restarted instance takes the dead member's place and partitions at
 *       once, without a rebalance.
 * </ol>
 *
 * @param transactionIdPrefix must be stable across restarts of one instance and distinct between
 *     instances running side by side: the instance's transactional ids are this prefix followed by
 *     0 to {@code concurrency - 1}, and a starting instance fences them (aborting what a previous
 *     run of the same instance left open)
 * @param instanceId stable name of this instance across restarts (e.g. {@code explainer-1}), or
 *     null for dynamic membership: becomes the consumers' {@code group.instance.id} (with {@code
 *     -0}, {@code -1}, ... appended per thread when there are several)
 * @param sessionTimeoutMs how long the group waits for a silent member before moving its partitions
 * @param transactionTimeoutMs how long the broker lets a transaction stay open before aborting it
 */
public record ExplainerConfig(
    String bootstrap,
    Topics topics,
    String groupId,
    String transactionIdPrefix,
    int concurrency,
    String instanceId,
    long sessionTimeoutMs,
    long transactionTimeoutMs) {

  public static final String DEFAULT_GROUP_ID = "scoring-explainer";
  public static final String DEFAULT_TRANSACTION_ID_PREFIX = "scoring-explainer-";

  /**
   * 10 s, not the consumer's 45 s: the same as the scorer's. Shorter (the broker's minimum is 6 s)
   * would turn a long GC pause or a starved heartbeat thread on a busy machine into a rebalance. A
   * restarted instance with an instance id does not wait for it at all.
   */
  public static final long DEFAULT_SESSION_TIMEOUT_MS = 10_000;

  /**
   * 10 s, not the producer's 60 s: readers wait that long after a crash without restart. A
   * transaction here is one poll of at most {@link ExplainerService#MAX_POLL_RECORDS} decisions
   * (milliseconds of work), so it ends well within that, and it outlives a broker failover (a
   * killed broker is fenced after its 9 s session, and a send to it is retried on the new leader).
   */
  public static final long DEFAULT_TRANSACTION_TIMEOUT_MS = 10_000;

  /** Broker-side bounds of {@code group.min/max.session.timeout.ms} (defaults). */
  static final long MIN_SESSION_TIMEOUT_MS = 6_000;

  static final long MAX_SESSION_TIMEOUT_MS = 1_800_000;

  /** Allowed in a group instance id, and short enough for one. */
  private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  public ExplainerConfig {
    Objects.requireNonNull(bootstrap, "bootstrap");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(transactionIdPrefix, "transactionIdPrefix");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
    }
    if (instanceId != null && !INSTANCE_ID.matcher(instanceId).matches()) {
      throw new IllegalArgumentException(
          "the instance id must be 1 to 100 letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit, not '"
              + instanceId
              + "'");
    }
    if (sessionTimeoutMs < MIN_SESSION_TIMEOUT_MS || sessionTimeoutMs > MAX_SESSION_TIMEOUT_MS) {
      throw new IllegalArgumentException(
          "the session timeout must be "
              + MIN_SESSION_TIMEOUT_MS
              + ".."
              + MAX_SESSION_TIMEOUT_MS
              + " ms (the broker's bounds), not "
              + sessionTimeoutMs);
    }
    if (transactionTimeoutMs < 1_000 || transactionTimeoutMs > 900_000) {
      throw new IllegalArgumentException(
          "the transaction timeout must be 1000..900000 ms (the broker's maximum), not "
              + transactionTimeoutMs);
    }
  }

  public static ExplainerConfig defaults(String bootstrap) {
    return new ExplainerConfig(
        bootstrap,
        Topics.standard(),
        DEFAULT_GROUP_ID,
        DEFAULT_TRANSACTION_ID_PREFIX,
        Math.max(1, Runtime.getRuntime().availableProcessors()),
        null,
        DEFAULT_SESSION_TIMEOUT_MS,
        DEFAULT_TRANSACTION_TIMEOUT_MS);
  }

  public ExplainerConfig withTopics(Topics topics) {
    return new ExplainerConfig(
        bootstrap,
        topics,
        groupId,
        transactionIdPrefix,
        concurrency,
        instanceId,
        sessionTimeoutMs,
        transactionTimeoutMs);
  }

  public ExplainerConfig withGroupId(String groupId) {
    return new ExplainerConfig(
        bootstrap,
        topics,
        groupId,
        transactionIdPrefix,
        concurrency,
        instanceId,
        sessionTimeoutMs,
        transactionTimeoutMs);
  }

  public ExplainerConfig withTransactionIdPrefix(String prefix) {
    return new ExplainerConfig(
        bootstrap,
        topics,
        groupId,
        prefix,
        concurrency,
        instanceId,
        sessionTimeoutMs,
        transactionTimeoutMs);
  }

  public ExplainerConfig withConcurrency(int concurrency) {
    return new ExplainerConfig(
        bootstrap,
        topics,
        groupId,
        transactionIdPrefix,
        concurrency,
        instanceId,
        sessionTimeoutMs,
        transactionTimeoutMs);
  }

  /** Static membership under {@code id} (null: dynamic membership). */
  public ExplainerConfig withInstanceId(String id) {
    return new ExplainerConfig(
        bootstrap,
        topics,
        groupId,
        transactionIdPrefix,
        concurrency,
        id,
        sessionTimeoutMs,
        transactionTimeoutMs);
  }

  public ExplainerConfig withSessionTimeoutMs(long ms) {
    return new ExplainerConfig(
        bootstrap,
        topics,
        groupId,
        transactionIdPrefix,
        concurrency,
        instanceId,
        ms,
        transactionTimeoutMs);
  }

  public ExplainerConfig withTransactionTimeoutMs(long ms) {
    return new ExplainerConfig(
        bootstrap,
        topics,
        groupId,
        transactionIdPrefix,
        concurrency,
        instanceId,
        sessionTimeoutMs,
        ms);
  }

  /**
   * Every transactional id this instance may use: the prefix followed by 0 to {@code concurrency -
   * 1} (each consumer thread holds one producer at a time, and a closed producer's suffix is
   * reused).
   */
  public java.util.List<String> transactionalIds() {
    return java.util.stream.IntStream.range(0, concurrency)
        .mapToObj(i -> transactionIdPrefix + i)
        .toList();
  }
}
