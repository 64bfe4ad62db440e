package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.model.ApplicationScorer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
  public record Http(InetSocketAddress bind, String advertisedHost, String password) {
    public Http {
      Objects.requireNonNull(bind, "bind");
      Objects.requireNonNull(advertisedHost, "advertisedHost");
    }

    /** The password from SCORING_ADVISOR_PASSWORD, else generated and printed at start. */
    public Http(InetSocketAddress bind, String advertisedHost) {
      this(bind, advertisedHost, null);
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
      return "Http[bind=" + bind + ", advertisedHost=" + advertisedHost + ", password=hidden]";
    }
  }

  /** The environment variable with the password of the query routes (the dashboard's too). */
  public static final String PASSWORD_ENV = "SCORING_ADVISOR_PASSWORD";

  private final KafkaStreams streams;
  private final QueryServer http;
  private final ScheduledExecutorService reporter;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean failed;

  private ScorerService(KafkaStreams streams, QueryServer http, ScheduledExecutorService reporter) {
    this.streams = streams;
    this.http = http;
    this.reporter = reporter;
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
      config = config.withApplicationServer(http.advertisedHost() + ":" + server.port());
    }
    try {
      TopicSetup.ensure(config.bootstrapServers(), config.topics(), partitions);
      KafkaStreams streams =
          new KafkaStreams(ScorerTopology.build(config, scorer), config.streamsProperties());
      ScheduledExecutorService reporter =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "scorer-report");
                t.setDaemon(true);
                return t;
              });
      ScorerService service = new ScorerService(streams, server, reporter);
      service.run(config, scorer, http);
      return service;
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      }
      throw e;
    }
  }

  private void run(ScorerConfig config, ApplicationScorer scorer, Http httpConfig) {
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
        "scorer {} starting: model {} (threshold {}, {} features), {} thread(s), {} -> {}",
        config.applicationId(),
        scorer.metadata().modelVersion(),
        scorer.metadata().threshold(),
        scorer.metadata().featureNames().size(),
        config.threads(),
        config.topics().loanApplications().name(),
        config.topics().decisions().name());
    streams.start();
    if (http != null) {
      http.start(
          new StreamsClientLookup(
              streams, new HostInfo(httpConfig.advertisedHost(), http.port()), config.topics()));
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
    streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
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
