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
 * @param stateDir where RocksDB keeps the state stores (restored from the changelogs if lost)
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
    Limits limits) {

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
        Limits.DEFAULTS);
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
        limits);
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
        limits);
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
        limits);
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
        limits);
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
        limits);
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
        limits);
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
        limits);
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
        limits);
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
        l);
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
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    if (applicationServer != null) {
      p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    }
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
