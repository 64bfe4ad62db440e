package fr.pretadepenser.scoring.dashboard.oversight;

import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.schemas.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads {@code decision-overrides} from its beginning at every start, read_committed (an aborted or
 * fenced append never shows), into the {@link OversightState}, and follows it: entries another
 * dashboard writes show here too. One thread, its own consumer (the partition assigned, no group,
 * nothing committed). It creates the topic with its one partition first, so that it is never
 * auto-created with the broker's default. After a failure it reads on from where it stopped, after
 * a pause. A record that cannot be decoded is skipped and counted (the audit command names it).
 */
final class TrailReader implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(TrailReader.class);

  private final String bootstrapServers;
  private final Topic<String, DecisionOverride> topic;
  private final OversightState state;
  private final Duration pause;
  private final AtomicLong unreadable = new AtomicLong();
  private volatile boolean running;
  private volatile Thread thread;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private long next;

  TrailReader(
      String bootstrapServers,
      Topic<String, DecisionOverride> topic,
      OversightState state,
      Duration pause) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.state = state;
    this.pause = pause;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "dashboard-oversight");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      try {
        TrailWriter.ensureTopic(bootstrapServers, topic, Duration.ofSeconds(10));
        read();
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warn("reading the oversight trail failed; reading again shortly: {}", e.toString());
        try {
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void read() {
    TopicPartition tp = new TopicPartition(topic.name(), 0);
    KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "scoring-dashboard-oversight",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer = c;
    try {
      c.assign(List.of(tp));
      c.seek(tp, next);
      while (running) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          next = r.offset() + 1;
          DecisionOverride e;
          try {
            e = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
          } catch (RuntimeException bad) {
            unreadable.incrementAndGet();
            LOG.warn(
                "skipped an unreadable oversight record at offset {}: {}",
                r.offset(),
                bad.getClass().getSimpleName());
            continue;
          }
          state.accept(e);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      consumer = null;
      c.close(Duration.ofSeconds(2));
    }
  }

  /** Records skipped because they could not be decoded. */
  long unreadable() {
    return unreadable.get();
  }

  @Override
  public void stop() {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
