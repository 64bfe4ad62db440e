package fr.pretadepenser.scoring.monitoring.live;

import fr.pretadepenser.scoring.events.ModelAlert;
import fr.pretadepenser.scoring.events.MonitoringSnapshot;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.model.ReferenceDistributions;
import fr.pretadepenser.scoring.monitoring.DriftDetector;
import fr.pretadepenser.scoring.schemas.BoundedDeadLetters;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live monitor: reads every committed decision, loan outcome and application from the start of
 * their topics (so a restart rebuilds its window, its realised performance and its fairness by
 * group; no state of its own to lose; of an application it keeps only the protected groups), and
 * every {@link MonitorSettings#interval} publishes a {@link MonitoringSnapshot} on model-monitoring
 * and the {@link ModelAlert}s it raises on model-alerts.
 *
 * <p>A plain consumer, not Kafka Streams: the work is a periodic computation over a window, with
 * at-least-once snapshots that are idempotent to readers (the newest wins), so neither a state
 * store nor transactions would buy anything. A record it cannot decode or take in goes to the
 * dead-letter topic with its stage ({@code monitor/decode}, {@code monitor/decision}, {@code
 * monitor/outcome}, {@code monitor/application}), bounded by the shared {@link BoundedDeadLetters},
 * and the loop goes on: a monitor must not stop on one record. Since every start reads the topics
 * again from the start, only records past the end offsets found at start are dead-lettered (the run
 * that first read the others already did); the others are counted in the log.
 */
public final class MonitorService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MonitorService.class);

  private final MonitorState state;
  private final Topics topics;
  private final MonitorSettings settings;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Clock clock;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private long undecodable;
  private long deadLettered;

  /** Each partition's end offset when this run started: below it, records are read again. */
  private Map<TopicPartition, Long> endsAtStart = Map.of();

  // Written by the poll thread at each snapshot, read by anyone.
  private volatile MonitorState.Sizes sizes;

  private MonitorService(
      String bootstrap, Topics topics, MonitorState state, MonitorSettings settings, Clock clock) {
    this.state = state;
    this.topics = topics;
    this.settings = settings;
    this.clock = clock;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "scoring-monitor"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.CLIENT_ID_CONFIG,
                "scoring-monitor"),
            new org.apache.kafka.common.serialization.ByteArraySerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer());
    this.thread = new Thread(this::run, "scoring-monitor");
  }

  /** Builds the state from the bundle (reference, model card, importance) and starts polling. */
  public static MonitorService start(
      String bootstrap, Topics topics, ModelBundle bundle, MonitorSettings settings) {
    ReferenceDistributions reference = bundle.reference();
    DriftDetector detector = DriftDetector.of(bundle, reference);
    MonitorState state =
        new MonitorState(
            detector, reference, bundle.card(), bundle.metadata().modelVersion(), settings);
    MonitorService service =
        new MonitorService(bootstrap, topics, state, settings, Clock.systemUTC());
    service.assignFromTheStart();
    service.thread.start();
    return service;
  }

  /** False once the poll loop has stopped (closed, or failed: see the log). */
  public boolean isRunning() {
    return thread.isAlive();
  }

  private void assignFromTheStart() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (Topic<?, ?> t :
        List.of(topics.decisions(), topics.loanOutcomes(), topics.loanApplications())) {
      consumer
          .partitionsFor(t.name(), Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    endsAtStart = Map.copyOf(consumer.endOffsets(partitions));
    consumer.seekToBeginning(partitions);
  }

  private void run() {
    Instant next = clock.instant().plus(settings.interval());
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          take(r);
        }
        Instant now = clock.instant();
        if (!now.isBefore(next)) {
          publish(now);
          next = now.plus(settings.interval());
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("the monitor stopped", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      producer.close(Duration.ofSeconds(5));
      stopped.countDown();
    }
  }

  private void take(ConsumerRecord<byte[], byte[]> r) {
    String stage = "monitor/decode";
    try {
      if (r.topic().equals(topics.decisions().name())) {
        var d = decode(topics.decisions(), r.value());
        stage = "monitor/decision";
        state.decision(d);
      } else if (r.topic().equals(topics.loanApplications().name())) {
        var a = decode(topics.loanApplications(), r.value());
        stage = "monitor/application";
        state.application(a);
      } else {
        var o = decode(topics.loanOutcomes(), r.value());
        stage = "monitor/outcome";
        state.outcome(o);
      }
    } catch (RuntimeException e) {
      undecodable++;
      LOG.debug("skipped a record of {} at offset {}: {}", r.topic(), r.offset(), e.toString());
      long firstNew = endsAtStart.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L);
      if (r.offset() >= firstNew) {
        deadLetter(r, stage, e instanceof SerializationException ? e.getMessage() : e.toString());
      }
    }
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> r, String stage, String reason) {
    BoundedDeadLetters.Outgoing out =
        BoundedDeadLetters.of(
            new BoundedDeadLetters.Source(r.topic(), r.partition(), r.offset()),
            r.key(),
            r.value(),
            r.headers(),
            stage,
            reason,
            clock.instant());
    String topic = topics.deadLetters().name();
    producer.send(
        new ProducerRecord<>(
            topic,
            null,
            out.key(),
            topics.deadLetters().valueSerde().serializer().serialize(topic, out.letter()),
            out.headers()),
        (metadata, failure) -> {
          if (failure != null) {
            LOG.warn(
                "could not dead-letter {}-{}@{}: {}",
                r.topic(),
                r.partition(),
                r.offset(),
                failure.toString());
          }
        });
    deadLettered++;
  }

  private static <V> V decode(Topic<?, V> topic, byte[] value) {
    if (value == null) {
      throw new SerializationException("a tombstone");
    }
    return topic.valueSerde().deserializer().deserialize(topic.name(), value);
  }

  private void publish(Instant now) {
    MonitorState.Result result = state.snapshot(now);
    MonitoringSnapshot s = result.snapshot();
    send(topics.monitoring(), s.getModelVersion(), s);
    for (ModelAlert a : result.alerts()) {
      send(topics.alerts(), a.getModelVersion(), a);
      LOG.warn("alert {}: {}", a.getKind(), a.getMessage());
    }
    producer.flush();
    sizes = state.sizes();
    if (undecodable > 0 || state.otherModelDecisions() > 0) {
      LOG.warn(
          "skipped so far: {} records that failed ({} dead-lettered by this run), {} decisions of"
              + " another model version",
          undecodable,
          deadLettered,
          state.otherModelDecisions());
    }
    if (state.outcomesJoinedByClient() > 0) {
      LOG.warn(
          "{} outcomes without application id were joined with their client's latest decision:"
              + " right only if the client applied once",
          state.outcomesJoinedByClient());
    }
    if (state.outcomesDropped() > 0
        || state.decisionsUnjoined() > 0
        || state.applicationsUnmatched() > 0) {
      LOG.info(
          "bounded memory: {} outcomes dropped without their decision, {} decisions dropped"
              + " without their outcome, {} applications dropped without their decision (limits"
              + " {} and {})",
          state.outcomesDropped(),
          state.decisionsUnjoined(),
          state.applicationsUnmatched(),
          settings.maxOutcomes(),
          settings.maxAwaiting());
    }
  }

  /**
   * How much the monitor's state held at its latest snapshot (null before the first): its maps and
   * window are bounded by {@link MonitorSettings}; this shows it over a long run.
   */
  public MonitorState.Sizes sizes() {
    return sizes;
  }

  private <V> void send(Topic<String, V> topic, String key, V value) {
    producer.send(
        new ProducerRecord<>(
            topic.name(),
            topic.keySerde().serializer().serialize(topic.name(), key),
            topic.valueSerde().serializer().serialize(topic.name(), value)));
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      if (!stopped.await(15, TimeUnit.SECONDS)) {
        LOG.warn("the monitor did not stop within 15 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
