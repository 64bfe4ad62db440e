package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.schemas.Topics;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How one scorer instance runs. Instances with the same {@code applicationId} share the work
 * (partitions) and the state stores; more load means more partitions and more instances.
 *
 * @param applicationId Kafka Streams application id: consumer group, transactional id prefix and
 *     the prefix of the state stores' changelog topics
 * @param bootstrapServers Kafka bootstrap servers, {@code HOST:PORT[,HOST:PORT...]}
 * @param stateDir where RocksDB keeps the state stores (restored from the changelogs if lost); with
 *     an instance id, in its subfolder ({@link #instanceStateDir})
 * @param threads stream threads; one per core is the usual choice
 * @param topics topic names and serdes, possibly prefixed
 * @param commitIntervalMs how often transactions commit; under exactly-once, decisions become
 *     visible to read-committed consumers only at a commit, so this bounds end-to-end latency
 * @param applicationServer {@code host:port} other services reach this instance's HTTP queries at,
 *     published to the other instances for routing; null when no HTTP server runs
 * @param historyCacheEvents decoded history events each task keeps in memory ({@link
 *     HistoryCache}); 0 disables the cache
 * @param historyWaitMs how long an application waits for the history events its sender announced
 *     ({@code LoanApplication.history_events}) before it is decided on the history at hand; the
 *     decision then says how many events it used and how many were announced
 * @param limits the bounds that keep re-sent or forged input from growing the scorer's state
 * @param recovery how this instance is found again after a restart and how fast its partitions move
 *     after a crash: instance id, standby replicas, session and transaction timeouts
 */
public record ScorerConfig(
    String applicationId,
    String bootstrapServers,
    Path stateDir,
    int threads,
    Topics topics,
    long commitIntervalMs,
    String applicationServer,
    long historyCacheEvents,
    long historyWaitMs,
    Limits limits,
    Recovery recovery) {

  public static final String DEFAULT_APPLICATION_ID = "scorer";

  /**
   * 20 ms, not Kafka's 100 ms: the target is a p99 under 25 ms at 1,000 applications/s, and a
   * decision is invisible to read-committed readers until its transaction commits.
   */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 20;

  /**
   * 50,000 events a task: roughly 15-50 MB of decoded Avro objects, a few hundred recent clients of
   * Kaggle's average 100 events.
   */
  public static final long DEFAULT_HISTORY_CACHE_EVENTS = 50_000;

  /**
   * Two minutes: history in flight is folded within seconds, so only lost history (dead-lettered
   * events, a sender that never sent it) waits that long, and the lender still answers.
   */
  public static final long DEFAULT_HISTORY_WAIT_MS = 120_000;

  public ScorerConfig {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(recovery, "recovery");
    if (applicationId.isBlank()) {
      throw new IllegalArgumentException("the application id is empty");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    if (historyCacheEvents < 0) {
      throw new IllegalArgumentException(
          "the history cache size must be >= 0 events, not " + historyCacheEvents);
    }
    if (historyWaitMs < 0) {
      throw new IllegalArgumentException("the history wait must be >= 0 ms, not " + historyWaitMs);
    }
    if (commitIntervalMs < 1) {
      throw new IllegalArgumentException(
          "the commit interval must be at least 1 ms, not " + commitIntervalMs);
    }
    // A transaction lives one commit interval plus the commit itself; a timeout not well above the
    // interval would abort healthy transactions (Kafka Streams only refuses timeout < interval).
    if (recovery.transactionTimeoutMs() < 3 * commitIntervalMs) {
      throw new IllegalArgumentException(
          "the transaction timeout ("
              + recovery.transactionTimeoutMs()
              + " ms) must be at least three commit intervals ("
              + commitIntervalMs
              + " ms)");
    }
  }

  /**
   * Defaults: id "scorer", state under ~/.scoring/scorer-state (not Kafka's default in the temp
   * directory, which the OS may clear under a running instance), one thread, standard topics.
   */
  public static ScorerConfig defaults(String bootstrapServers) {
    return new ScorerConfig(
        DEFAULT_APPLICATION_ID,
        bootstrapServers,
        Path.of(System.getProperty("user.home"), ".scoring", "scorer-state"),
        1,
        Topics.standard(),
        DEFAULT_COMMIT_INTERVAL_MS,
        null,
        DEFAULT_HISTORY_CACHE_EVENTS,
        DEFAULT_HISTORY_WAIT_MS,
        Limits.DEFAULTS,
        Recovery.DEFAULTS);
  }

  public ScorerConfig withApplicationId(String id) {
    return new ScorerConfig(
        id,
        bootstrapServers,
        stateDir,
        threads,
        topics,
        commitIntervalMs,
        applicationServer,
        historyCacheEvents,
        historyWaitMs,
        limits,
        recovery);
  }

  public ScorerConfig withStateDir(Path dir) {
    return new ScorerConfig(
        applicationId,
        bootstrapServers,
        dir,
        threads,
        topics,
        commitIntervalMs,
        applicationServer,
        historyCacheEvents,
        historyWaitMs,
        limits,
        recovery);
  }

  public ScorerConfig withThreads(int n) {
    return new ScorerConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        n,
        topics,
        commitIntervalMs,
        applicationServer,
        historyCacheEvents,
        historyWaitMs,
        limits,
        recovery);
  }

  public ScorerConfig withTopics(Topics t) {
    return new ScorerConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        threads,
        t,
        commitIntervalMs,
        applicationServer,
        historyCacheEvents,
        historyWaitMs,
        limits,
        recovery);
  }

  public ScorerConfig withCommitIntervalMs(long ms) {
    return new ScorerConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        threads,
        topics,
        ms,
        applicationServer,
        historyCacheEvents,
        historyWaitMs,
        limits,
        recovery);
  }

  public ScorerConfig withApplicationServer(String hostPort) {
    return new ScorerConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        threads,
        topics,
        commitIntervalMs,
        hostPort,
        historyCacheEvents,
        historyWaitMs,
        limits,
        recovery);
  }

  public ScorerConfig withHistoryCacheEvents(long events) {
    return new ScorerConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        threads,
        topics,
        commitIntervalMs,
        applicationServer,
        events,
        historyWaitMs,
        limits,
        recovery);
  }

  public ScorerConfig withHistoryWaitMs(long ms) {
    return new ScorerConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        threads,
        topics,
        commitIntervalMs,
        applicationServer,
        historyCacheEvents,
        ms,
        limits,
        recovery);
  }

  public ScorerConfig withLimits(Limits l) {
    return new ScorerConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        threads,
        topics,
        commitIntervalMs,
        applicationServer,
        historyCacheEvents,
        historyWaitMs,
        l,
        recovery);
  }

  public ScorerConfig withRecovery(Recovery r) {
    return new ScorerConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        threads,
        topics,
        commitIntervalMs,
        applicationServer,
        historyCacheEvents,
        historyWaitMs,
        limits,
        r);
  }

  /**
   * How an instance survives the loss of another, and its own restart. The timeline of a kill -9 of
   * one of two instances, and what each setting shortens in it:
   *
   * <ol>
   *   <li>The group notices the dead member after {@code sessionTimeoutMs} without a heartbeat (or
   *       at once when it is restarted with the same {@code instanceId}: see {@link
   *       StaleIncarnation}).
   *   <li>A rebalance gives its partitions to the survivor, which already holds a standby copy of
   *       their stores ({@code standbyReplicas}) and restores only the last records, instead of the
   *       whole changelog (minutes for a large history store).
   *   <li>The dead instance's open transaction holds back every read_committed reader of the
   *       partitions it wrote to (decisions, changelogs, offsets) until it is aborted: after {@code
   *       transactionTimeoutMs}, or at once when the restarted instance fences its transactional
   *       ids.
   * </ol>
   *
   * @param instanceId stable name of this instance across restarts (e.g. {@code scorer-1}), or
   *     null: becomes the consumers' {@code group.instance.id} (static membership, one per stream
   *     thread: {@code ID-1}, {@code ID-2}, ...) and the state directory's last folder, so that the
   *     restarted instance finds its own stores and transactional ids again
   * @param standbyReplicas warm copies of each task's stores kept on other instances; 0 turns them
   *     off. With one instance there is nowhere to put a copy, so 1 costs nothing there
   * @param sessionTimeoutMs how long the group waits for a silent member before moving its
   *     partitions; under static membership a member that comes back within it keeps them
   * @param transactionTimeoutMs how long the broker lets a transaction stay open before aborting
   *     it; above the commit interval with a wide margin (see {@link #DEFAULTS})
   */
  public record Recovery(
      String instanceId, int standbyReplicas, long sessionTimeoutMs, long transactionTimeoutMs) {

    /**
     * No instance id, one standby, a 10 s session and a 30 s transaction timeout.
     *
     * <p>Session: 10 s, not the consumer's 45 s. A shorter one (the broker's minimum is 6 s) would
     * turn a long GC pause or a starved heartbeat thread on a busy machine into a rebalance, and a
     * member evicted by mistake closes its tasks uncleanly, which under exactly-once wipes their
     * stores (a full restore). A restarted instance does not wait for it: it evicts its previous
     * incarnation itself ({@link StaleIncarnation}).
     *
     * <p>Transaction: 30 s, not Kafka Streams' 10 s under exactly-once. A transaction must outlive
     * a broker failover: a killed broker is fenced after its 9 s session, the partitions it led
     * (and the transaction coordinator, when it was there) move only then, and a transaction the
     * broker aborts under a live scorer fences its producer, which closes the tasks uncleanly and
     * wipes their stores. With 10 s the chaos run saw exactly that at a broker kill: the survivor's
     * transaction aborted, its two tasks' stores (89,000 changelog records) restored from scratch.
     * The cost: after a crash <em>without</em> restart, readers of the dead instance's partitions
     * wait up to 30 s; after a restart nothing, the restarted instance fences its previous
     * transactional ids before starting.
     */
    public static final Recovery DEFAULTS = new Recovery(null, 1, 10_000, 30_000);

    /** Broker-side bounds of {@code group.min/max.session.timeout.ms} (defaults). */
    static final long MIN_SESSION_TIMEOUT_MS = 6_000;

    static final long MAX_SESSION_TIMEOUT_MS = 1_800_000;

    /** Allowed in a group instance id and a folder name, and short enough for both. */
    private static final java.util.regex.Pattern INSTANCE_ID =
        java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public Recovery {
      if (instanceId != null && !INSTANCE_ID.matcher(instanceId).matches()) {
        throw new IllegalArgumentException(
            "the instance id must be 1 to 100 letters, digits, '.', '_' or '-' (a folder name and"
                + " a group member name), starting with a letter or digit, not '"
                + instanceId
                + "'");
      }
      if (standbyReplicas < 0 || standbyReplicas > 10) {
        throw new IllegalArgumentException(
            "standby replicas must be 0..10, not " + standbyReplicas);
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

    public Recovery withInstanceId(String id) {
      return new Recovery(id, standbyReplicas, sessionTimeoutMs, transactionTimeoutMs);
    }

    public Recovery withStandbyReplicas(int n) {
      return new Recovery(instanceId, n, sessionTimeoutMs, transactionTimeoutMs);
    }

    public Recovery withSessionTimeoutMs(long ms) {
      return new Recovery(instanceId, standbyReplicas, ms, transactionTimeoutMs);
    }

    public Recovery withTransactionTimeoutMs(long ms) {
      return new Recovery(instanceId, standbyReplicas, sessionTimeoutMs, ms);
    }
  }

  /**
   * Where this instance's stores live: {@code stateDir}, or {@code stateDir/instanceId} with an
   * instance id, so that instances sharing a parent folder never share stores and a restarted one
   * finds its own (Kafka Streams keeps its process id there, hence its transactional ids).
   */
  public Path instanceStateDir() {
    return recovery.instanceId() == null ? stateDir : stateDir.resolve(recovery.instanceId());
  }

  /**
   * Bounds on what re-sent, forged or waiting input can make the scorer keep.
   *
   * @param applicationIdRetentionMs how long an application id is remembered (so that a re-send
   *     gets no second decision), counted from when the scorer first read it; then a punctuator
   *     forgets it. Safe as long as it is at least the {@code loan-applications} topic's retention
   *     and longer than any sender retries: an application older than that can no longer be re-read
   *     from the topic, and a sender re-sending it months later is sending a new request
   * @param maxAnnouncedPerSource the largest count a {@code history_announced} source may announce
   *     (and, times the five sources, the largest {@code history_events}); beyond it the
   *     application is a dead letter naming the field
   * @param maxWaitingPerClient applications of one client that may wait for history at once
   * @param maxWaitingPerTask applications that may wait in one task (one partition); when either
   *     bound is reached the client's waiting applications are decided at once on the history at
   *     hand, their decisions naming the sources still missing, instead of the store growing
   */
  public record Limits(
      long applicationIdRetentionMs,
      int maxAnnouncedPerSource,
      int maxWaitingPerClient,
      int maxWaitingPerTask,
      int decisionStoreClients) {

    /**
     * 90 days of application ids, 100,000 events a source, 16 waiting a client, 10,000 a task, and
     * the latest decision of 500,000 clients a partition (about 200 bytes each: 100 MB of heap at
     * most per partition, see ScorerTopology).
     */
    public static final Limits DEFAULTS =
        new Limits(90L * 24 * 3_600_000, 100_000, 16, 10_000, 500_000);

    /** The limits of issue 15's waiting room and ids, with the default decision-store cap. */
    public Limits(
        long applicationIdRetentionMs,
        int maxAnnouncedPerSource,
        int maxWaitingPerClient,
        int maxWaitingPerTask) {
      this(
          applicationIdRetentionMs,
          maxAnnouncedPerSource,
          maxWaitingPerClient,
          maxWaitingPerTask,
          500_000);
    }

    /** The same limits keeping the latest decision of at most {@code clients} per partition. */
    public Limits withDecisionStoreClients(int clients) {
      return new Limits(
          applicationIdRetentionMs,
          maxAnnouncedPerSource,
          maxWaitingPerClient,
          maxWaitingPerTask,
          clients);
    }

    public Limits {
      if (applicationIdRetentionMs < 1) {
        throw new IllegalArgumentException(
            "the application id retention must be at least 1 ms, not " + applicationIdRetentionMs);
      }
      if (maxAnnouncedPerSource < 0) {
        throw new IllegalArgumentException(
            "the largest announced count must be >= 0, not " + maxAnnouncedPerSource);
      }
      if (maxWaitingPerClient < 1 || maxWaitingPerTask < 1) {
        throw new IllegalArgumentException(
            "at least one application must be allowed to wait, not "
                + maxWaitingPerClient
                + " per client and "
                + maxWaitingPerTask
                + " per task");
      }
      if (decisionStoreClients < 1) {
        throw new IllegalArgumentException(
            "the decision store must keep at least 1 client a partition, not "
                + decisionStoreClients);
      }
    }
  }

  /** The Kafka Streams configuration of this instance. */
  public Properties streamsProperties() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    p.put(StreamsConfig.STATE_DIR_CONFIG, instanceStateDir().toString());
    if (applicationServer != null) {
      p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    }
    // Recovery (see Recovery): warm copies elsewhere, a member found again by its name, timeouts.
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, recovery.standbyReplicas());
    if (recovery.instanceId() != null) {
      // Kafka Streams appends "-<thread index>" for each stream thread's consumer.
      p.put(
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
          recovery.instanceId());
    }
    p.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        (int) recovery.sessionTimeoutMs());
    // A third of the session at most (Kafka's rule), and 1 s: a survivor hears of a rebalance
    // at its next heartbeat, so this bounds how late it starts taking over. One tiny request a
    // second per thread.
    p.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
        (int) Math.min(1_000, recovery.sessionTimeoutMs() / 3));
    p.put(
        StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
        (int) recovery.transactionTimeoutMs());
    // After a failover the survivor holds every task; the restarted instance catches up as a
    // warm-up replica, and a probing rebalance hands tasks back once it is within
    // acceptable.recovery.lag (10,000 records, the default). Probing every minute (the minimum),
    // not every 10, so the load is shared again soon after a restart.
    p.put(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, 60_000L);
    // Records are sent at the next commit at the latest anyway; waiting longer only adds latency.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 1);
    // The topology reads bytes and decodes itself; these only document it for tools.
    p.put(
        StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG,
        org.apache.kafka.common.serialization.Serdes.ByteArraySerde.class);
    p.put(
        StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG,
        org.apache.kafka.common.serialization.Serdes.ByteArraySerde.class);
    // A new application starts from the beginning of the history topic: the feature store must
    // hold every fact ever published, not only those after the first start.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    return p;
  }
}
