package fr.pretadepenser.scoring.dashboard.oversight;

import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.TopicAdmin;
import fr.pretadepenser.scoring.schemas.Topics;
import fr.pretadepenser.scoring.schemas.audit.OverrideChain;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends entries to the oversight trail ({@code decision-overrides}, one partition) exactly once,
 * and keeps the chain from forking.
 *
 * <p>One transactional producer with a fixed {@code transactional.id} (per topic prefix): a second
 * dashboard on the same topics takes the id over and so fences the first (Kafka aborts what the
 * first had open and refuses its later commits). Each append is one transaction of one record.
 *
 * <p>The chain: appends are serialised (this object's lock); the producer is opened (topic created
 * with one partition if missing, {@code initTransactions}) and then the tail (last sequence and
 * hash) is read back from the topic, read_committed; after each commit the tail is the entry just
 * written. When a commit is fenced, another instance wrote meanwhile: the producer is opened again
 * (which fences that one in turn), the tail read again, and the entry sealed anew on it. Because
 * the tail is read after {@code initTransactions}, which settles every earlier transaction of the
 * id, two appends never link to the same previous hash.
 *
 * <p>When Kafka does not answer within the timeouts, the append fails ({@link KafkaException}) and
 * nothing is recorded; the caller says 503. The first use opens the producer (not the start of the
 * dashboard, which must not wait for Kafka).
 */
final class TrailWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrailWriter.class);

  /** The first window read back from the end to find the tail; it grows until a record is found. */
  static final int TAIL_WINDOW = 16;

  private final String bootstrapServers;
  private final Topic<String, DecisionOverride> topic;
  private final String transactionalId;
  private final Duration timeout;
  private KafkaProducer<String, DecisionOverride> producer;
  private OverrideChain.Tail tail;
  private long fenced;

  /**
   * @param transactionalId fixed: every dashboard on these topics uses the same
   * @param timeout bound of each Kafka call (metadata, send, commit, reading the tail)
   */
  TrailWriter(
      String bootstrapServers,
      Topic<String, DecisionOverride> topic,
      String transactionalId,
      Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.transactionalId = transactionalId;
    this.timeout = timeout;
  }

  /**
   * Seals {@code entry} on the chain's tail and commits it; returns what was recorded. The caller
   * holds this writer's lock across its checks and this call (see {@link Oversight}).
   */
  synchronized DecisionOverride append(DecisionOverride.Builder entry) {
    for (int attempt = 0; ; attempt++) {
      open();
      DecisionOverride sealed = OverrideChain.seal(entry, tail);
      try {
        producer.beginTransaction();
        producer
            .send(new ProducerRecord<>(topic.name(), sealed.getApplicationId().toString(), sealed))
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        producer.commitTransaction();
        tail = OverrideChain.Tail.after(sealed);
        return sealed;
      } catch (ProducerFencedException | InvalidProducerEpochException e) {
        fenced(e, attempt);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof ProducerFencedException
            || e.getCause() instanceof InvalidProducerEpochException) {
          fenced(e, attempt);
        } else {
          throw failed(e.getCause() == null ? e : e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failed(e);
      } catch (TimeoutException | KafkaException e) {
        throw failed(e);
      }
    }
  }

  /** Another instance took the transactional id: open again and re-read the tail, once. */
  private void fenced(Exception e, int attempt) {
    fenced++;
    closeProducer();
    LOG.warn(
        "the oversight trail's producer was fenced by another dashboard; reading the tail again");
    if (attempt >= 1) {
      throw new KafkaException("fenced again while appending to the oversight trail", e);
    }
  }

  private KafkaException failed(Throwable e) {
    // Nothing committed: abort what may be open, and start afresh at the next append.
    if (producer != null) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException ignored) {
        LOG.debug("abort after a failed append: {}", ignored.toString());
      }
    }
    closeProducer();
    return e instanceof KafkaException k ? k : new KafkaException(e.toString(), e);
  }

  private void open() {
    if (producer != null) {
      return;
    }
    ensureTopic(bootstrapServers, topic, timeout);
    KafkaProducer<String, DecisionOverride> p =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                transactionalId,
                ProducerConfig.CLIENT_ID_CONFIG,
                "scoring-dashboard-oversight",
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                (int) timeout.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis() * 2,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                60_000),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer());
    try {
      p.initTransactions();
      tail = readTail();
    } catch (RuntimeException e) {
      p.close(Duration.ZERO);
      throw e;
    }
    producer = p;
  }

  /** The last committed entry's sequence and hash, read from the end of the topic backwards. */
  private OverrideChain.Tail readTail() {
    TopicPartition tp = new TopicPartition(topic.name(), 0);
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis()),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      c.assign(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      long beginning = c.beginningOffsets(List.of(tp)).get(tp);
      long window = TAIL_WINDOW;
      while (true) {
        long from = Math.max(beginning, end - window);
        c.seek(tp, from);
        ConsumerRecord<String, byte[]> last = null;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (c.position(tp) < end) {
          if (System.nanoTime() > deadline) {
            throw new KafkaException(
                "reading the oversight trail's tail took longer than " + timeout);
          }
          for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
            if (r.offset() < end) {
              last = r;
            }
          }
        }
        if (last != null) {
          DecisionOverride e =
              topic.valueSerde().deserializer().deserialize(topic.name(), last.value());
          return OverrideChain.Tail.after(e);
        }
        if (from <= beginning) {
          return OverrideChain.Tail.EMPTY;
        }
        // Only transaction markers or aborted records in the window: look further back.
        window *= 4;
      }
    }
  }

  /**
   * Creates the trail's topic with its one partition when missing (a consumer or producer must
   * never have it auto-created with the broker's default partitions), and refuses one that has
   * more: the chain's order would be lost.
   */
  static void ensureTopic(
      String bootstrapServers, Topic<String, DecisionOverride> topic, Duration timeout) {
    try (TopicAdmin admin = TopicAdmin.connect(bootstrapServers, timeout)) {
      admin.create(List.of(topic.newTopic(Topics.DECISION_OVERRIDES_PARTITIONS)));
      Integer partitions = admin.partitionCounts(List.of(topic.name())).get(topic.name());
      if (partitions == null || partitions != Topics.DECISION_OVERRIDES_PARTITIONS) {
        throw new KafkaException(
            "topic "
                + topic.name()
                + " has "
                + partitions
                + " partitions: the oversight trail needs exactly "
                + Topics.DECISION_OVERRIDES_PARTITIONS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaException("cannot create or check topic " + topic.name() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted", e);
    }
  }

  /** Times another dashboard fenced this one. */
  synchronized long fenced() {
    return fenced;
  }

  private void closeProducer() {
    if (producer != null) {
      try {
        producer.close(Duration.ofSeconds(2));
      } catch (RuntimeException e) {
        LOG.debug("closing the oversight producer: {}", e.toString());
      }
      producer = null;
      tail = null;
    }
  }

  @Override
  public synchronized void close() {
    closeProducer();
  }
}
