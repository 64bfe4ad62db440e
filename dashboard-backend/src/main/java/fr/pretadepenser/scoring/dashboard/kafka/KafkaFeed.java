package fr.pretadepenser.scoring.dashboard.kafka;

import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.monitoring.MonitoringView;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The plain Kafka listener behind the dashboard: one thread, one consumer over the explained
 * decisions, the decisions, the dead letters and the applications, and over the monitor's snapshots
 * and alerts, from the beginning of each topic at every start (the views are rebuilt, not stored),
 * read-committed (the scorer writes in transactions). Each decision record goes into the {@link
 * DashboardView}, which numbers it onto the live stream; monitoring records go into the {@link
 * MonitoringView}.
 *
 * <p>A private consumer group per start: every dashboard instance sees everything, and no offset is
 * committed (the group is empty and expires).
 */
final class KafkaFeed implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaFeed.class);

  private final String bootstrapServers;
  private final Topics topics;
  private final DashboardView view;
  private final MonitoringView monitoring;
  private final AtomicLong unreadable = new AtomicLong();
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile Thread thread;
  private volatile boolean running;

  KafkaFeed(String bootstrapServers, Topics topics, DashboardView view, MonitoringView monitoring) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.view = view;
    this.monitoring = monitoring;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "scoring-dashboard-" + UUID.randomUUID(),
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
                2000),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(
        List.of(
            topics.explainedDecisions().name(),
            topics.decisions().name(),
            topics.deadLetters().name(),
            topics.loanApplications().name(),
            topics.monitoring().name(),
            topics.alerts().name()));
    running = true;
    thread = new Thread(this::run, "dashboard-kafka");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          handle(r);
        }
      }
    } catch (WakeupException e) {
      // stop() woke the poll.
    } catch (RuntimeException e) {
      LOG.error("the dashboard's Kafka listener stopped: {}", e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> r) {
    String topic = r.topic();
    try {
      if (topic.equals(topics.explainedDecisions().name())) {
        view.onExplained(
            topics.explainedDecisions().valueSerde().deserializer().deserialize(topic, r.value()));
      } else if (topic.equals(topics.decisions().name())) {
        Decision d = topics.decisions().valueSerde().deserializer().deserialize(topic, r.value());
        view.onDecision(d);
      } else if (topic.equals(topics.deadLetters().name())) {
        view.onDeadLetter();
      } else if (topic.equals(topics.loanApplications().name())) {
        LoanApplication a =
            topics.loanApplications().valueSerde().deserializer().deserialize(topic, r.value());
        view.onApplication(a);
      } else if (topic.equals(topics.monitoring().name())) {
        monitoring.onSnapshot(
            topics.monitoring().valueSerde().deserializer().deserialize(topic, r.value()));
      } else if (topic.equals(topics.alerts().name())) {
        monitoring.onAlert(
            topics.alerts().valueSerde().deserializer().deserialize(topic, r.value()));
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

  /** Records that could not be decoded and were skipped. */
  long unreadable() {
    return unreadable.get();
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    consumer.wakeup();
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
