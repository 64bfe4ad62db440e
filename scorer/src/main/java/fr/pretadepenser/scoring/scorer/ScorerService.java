package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.model.ApplicationScorer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running scorer: its Kafka Streams, its HTTP query server and a periodic throughput line in the
 * log. {@link #start} returns once the streams are started; {@link #awaitStop} blocks until they
 * stop; {@link #close} stops everything (e.g. from a shutdown hook).
 */
public final class ScorerService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ScorerService.class);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Where this instance serves its queries.
   *
   * @param bind address and port to listen on (port 0: any free port)
   * @param advertisedHost the host name other instances and services reach this one at
   */
  public record Http(
      InetSocketAddress bind, String advertisedHost, String password, int advertisedPort) {
    public Http {
      Objects.requireNonNull(bind, "bind");
      Objects.requireNonNull(advertisedHost, "advertisedHost");
      if (advertisedHost.isBlank() || advertisedHost.contains(":")) {
        throw new IllegalArgumentException(
            "the advertised host must be a host name or IPv4 address, not '"
                + advertisedHost
                + "'");
      }
      if (advertisedPort < 0 || advertisedPort > 65535) {
        throw new IllegalArgumentException(
            "the advertised port must be 1..65535 (0: the bound port), not " + advertisedPort);
      }
    }

    /** Advertised at the bound port. */
    public Http(InetSocketAddress bind, String advertisedHost, String password) {
      this(bind, advertisedHost, password, 0);
    }

    /** The password from SCORING_ADVISOR_PASSWORD, else generated and printed at start. */
    public Http(InetSocketAddress bind, String advertisedHost) {
      this(bind, advertisedHost, null, 0);
    }

    /**
     * Advertised at {@code HOST:PORT} rather than the advertised host and the bound port: behind a
     * port mapping or a proxy, the address other instances reach this one at.
     *
     * @throws IllegalArgumentException when it is not {@code HOST:PORT}
     */
    public Http withAdvertisedQuery(String hostPort) {
      int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "the advertised query address must be HOST:PORT, not '" + hostPort + "'");
      }
      int port;
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "the advertised query address must be HOST:PORT, not '" + hostPort + "'", e);
      }
      if (port < 1) {
        throw new IllegalArgumentException(
            "the advertised query port must be 1..65535, not " + port);
      }
      return new Http(bind, hostPort.substring(0, colon), password, port);
    }

    /** The address published as {@code application.server}, given the bound port. */
    String advertised(int boundPort) {
      return advertisedHost + ":" + (advertisedPort == 0 ? boundPort : advertisedPort);
    }

    /** The password of the client routes: this one, else the environment's, else a new one. */
    String resolvedPassword() {
      if (password != null && !password.isBlank()) {
        return password;
      }
      String environment = System.getenv(PASSWORD_ENV);
      if (environment != null && !environment.isBlank()) {
        return environment;
      }
      byte[] random = new byte[15];
      new SecureRandom().nextBytes(random);
      String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      // Printed, not logged: the operator needs it once, log files keep things.
      System.out.println(
          "Scorer queries login: user advisor, generated password "
              + generated
              + " (set "
              + PASSWORD_ENV
              + " to choose it)");
      System.out.flush();
      return generated;
    }

    @Override
    public String toString() {
      return "Http[bind="
          + bind
          + ", advertisedHost="
          + advertisedHost
          + ", advertisedPort="
          + advertisedPort
          + ", password=hidden]";
    }
  }

  /** The environment variable with the password of the query routes (the dashboard's too). */
  public static final String PASSWORD_ENV = "SCORING_ADVISOR_PASSWORD";

  private final KafkaStreams streams;
  private final QueryServer http;
  private final ScheduledExecutorService reporter;
  private final Admin admin;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean failed;

  private final List<String> fenced;

  private ScorerService(
      KafkaStreams streams,
      QueryServer http,
      ScheduledExecutorService reporter,
      Admin admin,
      List<String> fenced) {
    this.streams = streams;
    this.http = http;
    this.reporter = reporter;
    this.admin = admin;
    this.fenced = fenced;
  }

  /**
   * With an instance id, fences the transactional ids and evicts the group members that a previous
   * run left when it was killed, so that its partitions move at once to the instances holding their
   * standby copies. Call it first, before loading the model bundle: on a busy machine a restart
   * takes seconds to get to {@link #start}, which does the same again (cheaply) in any case.
   */
  public static void clearPreviousRun(ScorerConfig config) {
    StaleIncarnation.clearPreviousRun(config);
  }

  /** The transactional ids this instance's producers use (each fenced before its first use). */
  List<String> fencedTransactionalIds() {
    return List.copyOf(fenced);
  }

  /**
   * Checks (and creates missing) topics, starts the streams and the query server.
   *
   * @param http where to serve queries, or null for none (then other services cannot query)
   * @param partitions partition count of the topics created when no input topic exists yet
   * @throws ScorerStartException when Kafka cannot be reached, the inputs are not co-partitioned or
   *     the HTTP port is taken
   */
  public static ScorerService start(
      ScorerConfig config, ApplicationScorer scorer, Http http, int partitions) {
    QueryServer server = null;
    if (http != null) {
      try {
        server = new QueryServer(http.bind(), http.resolvedPassword());
      } catch (IOException e) {
        throw new ScorerStartException(
            "cannot listen for queries on " + http.bind() + ": " + e.getMessage(), e);
      }
      config = config.withApplicationServer(http.advertised(server.port()));
    }
    Admin admin = null;
    try {
      TopicSetup.ensure(config.bootstrapServers(), config.topics(), partitions);
      admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()));
      // Creating the streams creates the producers, each fenced first (StaleIncarnation).
      List<String> fenced = new CopyOnWriteArrayList<>();
      KafkaStreams streams =
          new KafkaStreams(
              ScorerTopology.build(config, scorer),
              config.streamsProperties(),
              StaleIncarnation.fencingClients(admin, fenced));
      streams.setGlobalStateRestoreListener(new RestoreLog());
      if (config.recovery().instanceId() != null) {
        StaleIncarnation.evictMembers(
            admin, config.applicationId(), config.recovery().instanceId());
      }
      ScheduledExecutorService reporter =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "scorer-report");
                t.setDaemon(true);
                return t;
              });
      ScorerService service = new ScorerService(streams, server, reporter, admin, fenced);
      service.run(config, scorer);
      return service;
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      }
      if (admin != null) {
        admin.close(Duration.ofSeconds(5));
      }
      throw e;
    }
  }

  private void run(ScorerConfig config, ApplicationScorer scorer) {
    streams.setStateListener(
        (now, before) -> {
          LOG.info("scorer {} -> {}", before, now);
          if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            stopped.countDown();
          }
        });
    // Per-record problems never reach here (they become dead letters); what does is systemic
    // (Kafka unreachable for too long, a bug), and retrying the same record forever would not
    // fix it. Stop this instance with a non-zero exit and let its supervisor restart it.
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("scorer stream thread failed; stopping this instance", e);
          failed = true;
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    LOG.info(
        "scorer {}{} starting: model {} (threshold {}, {} features), {} thread(s), {} standby"
            + " replica(s), {} -> {}",
        config.applicationId(),
        config.recovery().instanceId() == null ? "" : " instance " + config.recovery().instanceId(),
        scorer.metadata().modelVersion(),
        scorer.metadata().threshold(),
        scorer.metadata().featureNames().size(),
        config.threads(),
        config.recovery().standbyReplicas(),
        config.topics().loanApplications().name(),
        config.topics().decisions().name());
    streams.start();
    if (http != null) {
      http.start(
          new StreamsClientLookup(
              streams, HostInfo.buildFromEndpoint(config.applicationServer()), config.topics()));
    }
    Throughput throughput = new Throughput(config);
    reporter.scheduleAtFixedRate(
        throughput::report, REPORT_EVERY.toSeconds(), REPORT_EVERY.toSeconds(), TimeUnit.SECONDS);
  }

  /** Blocks until the streams stop; true if they stopped because of an error. */
  public boolean awaitStop() throws InterruptedException {
    stopped.await();
    return failed || streams.state() == KafkaStreams.State.ERROR;
  }

  /** The port queries are served on, or -1 without HTTP. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /**
   * Kafka Streams' metrics of this instance (threads, tasks, stores, and its clients), e.g. the
   * stream threads' {@code commit-latency-avg}; for benchmarks and monitoring.
   */
  public Map<MetricName, ? extends Metric> metrics() {
    return streams.metrics();
  }

  @Override
  public void close() {
    reporter.shutdownNow();
    if (http != null) {
      http.close();
    }
    // Closing commits the open transaction and leaves the group, so another instance takes over
    // the partitions at once instead of after the session timeout.
    // With an instance id (static membership) Kafka Streams removes the members by their ids.
    streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
    admin.close(Duration.ofSeconds(5));
    stopped.countDown();
  }

  /** Counts decisions and dead letters from the producers' own per-topic send counters. */
  private final class Throughput {
    private final String decisions;
    private final String deadLetters;
    private double lastDecisions;
    private double lastDeadLetters;
    private long lastNanos = System.nanoTime();

    Throughput(ScorerConfig config) {
      this.decisions = config.topics().decisions().name();
      this.deadLetters = config.topics().deadLetters().name();
    }

    void report() {
      try {
        double d = sent(decisions);
        double l = sent(deadLetters);
        long now = System.nanoTime();
        double seconds = (now - lastNanos) / 1e9;
        LOG.info(
            "{}: {} decisions ({}/s), {} dead letters ({}/s) since start",
            streams.state(),
            (long) d,
            Math.round((d - lastDecisions) / seconds),
            (long) l,
            Math.round((l - lastDeadLetters) / seconds));
        lastDecisions = d;
        lastDeadLetters = l;
        lastNanos = now;
      } catch (RuntimeException e) {
        LOG.debug("throughput report failed", e);
      }
    }

    private double sent(String topic) {
      double total = 0;
      for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
        MetricName name = e.getKey();
        if (name.name().equals("record-send-total")
            && name.group().equals("producer-topic-metrics")
            && topic.equals(name.tags().get("topic"))
            && e.getValue().metricValue() instanceof Number n) {
          total += n.doubleValue();
        }
      }
      return total;
    }
  }
}
