package fr.pretadepenser.scoring.dashboard.kafka;

import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.monitoring.MonitoringView;
import fr.pretadepenser.scoring.dashboard.timeline.Timelines;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * The plain Kafka listener behind the dashboard: one thread, one consumer over the explained
 * decisions, the decisions, the dead letters, the applications and the client history (keys and
 * timestamps only), and over the monitor's snapshots and alerts, from the beginning of each topic
 * at every start (the views are rebuilt, not stored), read-committed (the scorer writes in
 * transactions). Each decision record goes into the {@link DashboardView}, which numbers it onto
 * the live stream; monitoring records go into the {@link MonitoringView}. The applications,
 * decisions, explanations, the oversight trail ({@code decision-overrides}) and the loan outcomes
 * also go into the clients' {@link Timelines}.
 *
 * <p>A private consumer group per start: every dashboard instance sees everything, and no offset is
 * committed (the group is empty and expires).
 *
 * <p>It does not die quietly. A record that cannot be decoded is skipped and counted. Anything else
 * that escapes (an exception from {@code poll}, an {@link Error} such as an OutOfMemoryError while
 * handling one record) closes the consumer, turns the dashboard's health DOWN (this is its {@link
 * HealthIndicator}: {@code /actuator/health} says 503) and the reader starts again after a pause,
 * from the record after the last one handled: the record that was being handled when it failed is
 * skipped and counted, so that one record cannot stop the view twice. More than {@value
 * #MAX_RESTARTS} failures within {@link #RESTART_WINDOW} and it gives up: health stays DOWN, for
 * the supervisor to restart the process.
 */
final class KafkaFeed implements SmartLifecycle, HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaFeed.class);

  /** Failures within {@link #RESTART_WINDOW} after which the reader is not started again. */
  static final int MAX_RESTARTS = 5;

  static final Duration RESTART_WINDOW = Duration.ofMinutes(10);

  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final Topics topics;
  private final DashboardView view;
  private final MonitoringView monitoring;
  private final Timelines timelines;
  private final Duration pause;
  private final Clock clock;
  private final Deserializer<Long> clientIds = Serdes.Long().deserializer();
  private final AtomicLong unreadable = new AtomicLong();
  private final AtomicLong restarts = new AtomicLong();
  private final Map<TopicPartition, Long> next = new HashMap<>();
  private final ArrayDeque<Instant> failures = new ArrayDeque<>();
  private volatile Consumer<byte[], byte[]> consumer;
  private volatile Thread thread;
  private volatile boolean running;
  private volatile boolean reading;
  private volatile String lastFailure;

  KafkaFeed(
      String bootstrapServers,
      Topics topics,
      DashboardView view,
      MonitoringView monitoring,
      Timelines timelines) {
    this(
        consumers(bootstrapServers),
        topics,
        view,
        monitoring,
        timelines,
        Duration.ofSeconds(2),
        Clock.systemUTC());
  }

  /** Without timelines of interest (tests of the loop): a small store of its own. */
  KafkaFeed(
      Supplier<Consumer<byte[], byte[]>> consumers,
      Topics topics,
      DashboardView view,
      MonitoringView monitoring,
      Duration pause,
      Clock clock) {
    this(consumers, topics, view, monitoring, new Timelines(1, 1, 1, 1), pause, clock);
  }

  /**
   * @param consumers makes the consumer of each (re)start
   * @param pause how long to wait before reading again after a failure
   */
  KafkaFeed(
      Supplier<Consumer<byte[], byte[]>> consumers,
      Topics topics,
      DashboardView view,
      MonitoringView monitoring,
      Timelines timelines,
      Duration pause,
      Clock clock) {
    this.consumers = consumers;
    this.topics = topics;
    this.view = view;
    this.monitoring = monitoring;
    this.timelines = timelines;
    this.pause = pause;
    this.clock = clock;
  }

  private static Supplier<Consumer<byte[], byte[]>> consumers(String bootstrapServers) {
    // One group for the life of the process: a restarted reader is a new member of it.
    String group = "scoring-dashboard-" + UUID.randomUUID();
    return () ->
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "scoring-dashboard",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                // New topics (a fresh broker) are picked up within a few seconds.
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                2000,
                // Reading must never create a topic: decision-overrides is created by its writer
                // with one partition and kept forever, which a broker's defaults would not be.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "dashboard-kafka");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      try {
        read();
      } catch (Throwable e) {
        // An Error too: a reader that died while the health said UP is what this is for.
        reading = false;
        lastFailure = e.getClass().getSimpleName();
        // Where and what, never the record's content: no personal data in logs.
        LOG.error("the dashboard's Kafka reader failed; it will read again: {}", e.toString());
        if (!mayRestart()) {
          LOG.error(
              "the dashboard's Kafka reader failed {} times within {}: it stays stopped and the"
                  + " health DOWN, restart the dashboard",
              MAX_RESTARTS + 1,
              RESTART_WINDOW);
          running = false;
          return;
        }
        try {
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        restarts.incrementAndGet();
      }
    }
  }

  private boolean mayRestart() {
    Instant now = clock.instant();
    failures.addLast(now);
    while (!failures.isEmpty() && failures.peekFirst().isBefore(now.minus(RESTART_WINDOW))) {
      failures.removeFirst();
    }
    return failures.size() <= MAX_RESTARTS;
  }

  /** Reads until stopped (returns) or until something fails (throws). */
  private void read() {
    Consumer<byte[], byte[]> c = consumers.get();
    consumer = c;
    try {
      c.subscribe(
          List.of(
              topics.explainedDecisions().name(),
              topics.decisions().name(),
              topics.deadLetters().name(),
              topics.loanApplications().name(),
              topics.clientHistory().name(),
              topics.monitoring().name(),
              topics.alerts().name(),
              topics.loanOutcomes().name(),
              // Absent until the first oversight entry is written: picked up once it exists.
              topics.decisionOverrides().name()),
          new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
              // After a failure: from the record after the last one handled, not from the start.
              for (TopicPartition tp : partitions) {
                Long position = next.get(tp);
                if (position != null) {
                  c.seek(tp, position);
                }
              }
            }
          });
      reading = true;
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          // Counted as handled before handling: if handling kills the reader, the restarted one
          // skips this record rather than die on it again.
          next.put(tp, r.offset() + 1);
          try {
            handle(r);
          } catch (Error e) {
            unreadable.incrementAndGet();
            throw e;
          }
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
      // stop() woke the poll.
    } finally {
      reading = false;
      try {
        c.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.debug("closing the consumer: {}", e.toString());
      }
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> r) {
    String topic = r.topic();
    try {
      if (topic.equals(topics.explainedDecisions().name())) {
        ExplainedDecision x =
            topics.explainedDecisions().valueSerde().deserializer().deserialize(topic, r.value());
        view.onExplained(x);
        timelines.onExplained(x);
      } else if (topic.equals(topics.decisions().name())) {
        Decision d = topics.decisions().valueSerde().deserializer().deserialize(topic, r.value());
        view.onDecision(d, r.partition(), r.offset());
        timelines.onDecision(d, r.partition(), r.offset());
      } else if (topic.equals(topics.deadLetters().name())) {
        deadLetter(topics.deadLetters().valueSerde().deserializer().deserialize(topic, r.value()));
      } else if (topic.equals(topics.loanApplications().name())) {
        LoanApplication a =
            topics.loanApplications().valueSerde().deserializer().deserialize(topic, r.value());
        view.onApplication(a, r.partition(), r.offset());
        timelines.onApplication(a, r.partition(), r.offset());
      } else if (topic.equals(topics.clientHistory().name())) {
        // The key and the time only: the history itself is the scorer's business.
        if (r.key() != null && r.key().length == Long.BYTES) {
          view.onHistory(clientIds.deserialize(topic, r.key()), r.timestamp());
        }
      } else if (topic.equals(topics.monitoring().name())) {
        monitoring.onSnapshot(
            topics.monitoring().valueSerde().deserializer().deserialize(topic, r.value()));
      } else if (topic.equals(topics.alerts().name())) {
        monitoring.onAlert(
            topics.alerts().valueSerde().deserializer().deserialize(topic, r.value()));
      } else if (topic.equals(topics.loanOutcomes().name())) {
        timelines.onOutcome(
            topics.loanOutcomes().valueSerde().deserializer().deserialize(topic, r.value()));
      } else if (topic.equals(topics.decisionOverrides().name())) {
        timelines.onOverride(
            topics.decisionOverrides().valueSerde().deserializer().deserialize(topic, r.value()));
      }
    } catch (RuntimeException e) {
      // No personal data in logs: where the record is, not what it holds.
      unreadable.incrementAndGet();
      LOG.warn(
          "skipped an unreadable record at {}-{} offset {}: {}",
          topic,
          r.partition(),
          r.offset(),
          e.getClass().getSimpleName());
    }
  }

  /**
   * A dead letter: the scorer's rejection of an application drops it from the view, the explainer's
   * rejection of a decision marks that decision REJECTED (matched by the position of the rejected
   * record); any other is counted.
   */
  private void deadLetter(DeadLetter letter) {
    String stage = letter.getStage();
    String source = letter.getSourceTopic();
    int partition = letter.getSourcePartition();
    long offset = letter.getSourceOffset();
    if (stage.startsWith("scorer/") && source.equals(topics.loanApplications().name())) {
      view.onApplicationRejected(partition, offset);
      timelines.onApplicationRejected(partition, offset);
    } else if (stage.startsWith("explainer/") && source.equals(topics.decisions().name())) {
      String reason = letter.getReason();
      // The reason is for a person to read; a bounded piece of it is enough on a page.
      if (reason.length() > 300) {
        reason = reason.substring(0, 300) + "…";
      }
      view.onDecisionRejected(partition, offset, stage + ": " + reason);
      timelines.onDecisionRejected(partition, offset, stage + ": " + reason);
    } else {
      view.onDeadLetter();
    }
  }

  /** Records that could not be decoded and were skipped. */
  long unreadable() {
    return unreadable.get();
  }

  /** Times the reader was started again after a failure. */
  long restarts() {
    return restarts.get();
  }

  /** UP while the reader reads; DOWN while it is started again after a failure, or gave up. */
  @Override
  public Health health() {
    Thread t = thread;
    if (reading && t != null && t.isAlive()) {
      return Health.up().withDetail("restarts", restarts.get()).build();
    }
    Health.Builder down = Health.down().withDetail("restarts", restarts.get());
    if (lastFailure != null) {
      down.withDetail("lastFailure", lastFailure);
    }
    return down.build();
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    Consumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
