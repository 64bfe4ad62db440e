package fr.pretadepenser.scoring.benchmarks.kafka;

import fr.pretadepenser.scoring.scorer.ScorerConfig;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * What the transport allows, measured on the scorer's own broker with the scorer's own records, so
 * that the scorer's figures can be read as a fraction of it ({@code benchmark --baseline}).
 *
 * <p>Both baselines make the scorer's moves without its work: read the pre-loaded applications (the
 * same bytes and keys the scorer reads) and write, for each, one record of a decision's size (real
 * decision values, taken from the decisions topic), which a {@code read_committed} consumer then
 * reads. Rates are counted as the scorer's are: from the first output record that consumer sees to
 * the last.
 *
 * <ul>
 *   <li><b>plain Kafka</b>: {@code threads} loops of a consumer and an idempotent {@code acks=all}
 *       producer (the scorer's {@code linger.ms}), offsets committed automatically: at least once,
 *       no transaction;
 *   <li><b>pass-through</b>: a Kafka Streams app of one {@code mapValues} with the scorer's
 *       properties ({@link ScorerConfig#streamsProperties()}: exactly-once v2, the commit interval,
 *       threads, producer and consumer settings), no state store.
 * </ul>
 *
 * <p>Hand-written because no library measures a Kafka pipeline against its own transport; Kafka's
 * {@code kafka-producer-perf-test} and {@code kafka-consumer-perf-test} time one side each, with
 * synthetic payloads, and not exactly-once.
 */
final class TransportBaseline {

  /** Output records the pass-through and the relay write; cycled through. */
  private final List<byte[]> decisionValues;

  private final String servers;
  private final String prefix;
  private final int partitions;
  private final int threads;
  private final String inTopic;

  TransportBaseline(
      String servers, String prefix, int partitions, int threads, List<byte[]> decisionValues) {
    if (decisionValues.isEmpty()) {
      throw new IllegalArgumentException("no decision values to write");
    }
    this.servers = servers;
    this.prefix = prefix;
    this.partitions = partitions;
    this.threads = threads;
    this.decisionValues = List.copyOf(decisionValues);
    this.inTopic = inTopic(prefix);
  }

  private static String inTopic(String prefix) {
    return prefix + "baseline-applications";
  }

  /**
   * Creates the baselines' topics with {@code replication} replicas, as the scorer's have, and
   * waits until every partition has a leader. Call it at the run's start, with the scorer's topics,
   * not just before use: an idempotent producer sending to partitions created a moment before was
   * seen retrying for ever ({@code NOT_LEADER_OR_FOLLOWER}, then {@code
   * OUT_OF_ORDER_SEQUENCE_NUMBER} on a batch the broker had appended), even after the admin client
   * reported every leader.
   */
  static void createTopics(String servers, String prefix, int partitions, int replication)
      throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      List<String> names =
          List.of(inTopic(prefix), outTopic(prefix, "plain"), outTopic(prefix, "passthrough"));
      List<NewTopic> topics = new ArrayList<>();
      for (String name : names) {
        topics.add(new NewTopic(name, partitions, (short) replication));
      }
      admin.createTopics(topics).all().get(1, TimeUnit.MINUTES);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (!admin.describeTopics(names).allTopicNames().get(1, TimeUnit.MINUTES).values().stream()
          .allMatch(
              d ->
                  d.partitions().size() == partitions
                      && d.partitions().stream().allMatch(p -> p.leader() != null))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("baseline topics without leaders after a minute");
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * Publishes the applications the baselines read, re-addressed to their own input topic, with a
   * producer of its own created after the topics (see {@link #createTopics}).
   */
  void preload(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (ProducerRecord<byte[], byte[]> r : records) {
        producer.send(readdressed(r));
      }
      producer.flush();
    }
  }

  /** Decisions per second through the plain consumer-producer loops. */
  double plainKafka(int n) throws Exception {
    String out = outTopic("plain");
    try (KafkaConsumer<byte[], byte[]> reader = reader(out)) {
      AtomicBoolean stop = new AtomicBoolean();
      List<CompletableFuture<Void>> loops = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        loops.add(CompletableFuture.runAsync(() -> relay(out, stop)));
      }
      try {
        return rate(collect(reader, n, Duration.ofMinutes(30), loops));
      } finally {
        stop.set(true);
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
      }
    }
  }

  /** Decisions per second through the pass-through, then its latency at {@code rate}. */
  Passthrough passthrough(
      int n,
      ScorerConfig scorer,
      Path stateDir,
      List<ProducerRecord<byte[], byte[]>> paced,
      double rate)
      throws Exception {
    String out = outTopic("passthrough");
    Properties p =
        scorer.withApplicationId(prefix + "passthrough").withStateDir(stateDir).streamsProperties();
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    StreamsBuilder builder = new StreamsBuilder();
    AtomicLong next = new AtomicLong();
    builder.stream(inTopic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .mapValues(v -> nextDecision(next))
        .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    try (KafkaConsumer<byte[], byte[]> reader = reader(out);
        KafkaProducer<byte[], byte[]> producer = producer();
        KafkaStreams streams = new KafkaStreams(builder.build(), p)) {
      streams.start();
      double perSecond = rate(collect(reader, n, Duration.ofMinutes(30), List.of()));
      long[] latencies = new long[0];
      if (!paced.isEmpty()) {
        CompletableFuture<Void> sending =
            CompletableFuture.runAsync(() -> pace(producer, paced, rate));
        List<Seen> seen =
            collect(
                reader,
                paced.size(),
                Duration.ofSeconds(300 + (long) (paced.size() / rate)),
                List.of(sending));
        sending.get(1, TimeUnit.MINUTES);
        latencies =
            seen.stream().mapToLong(Seen::latencyMicros).filter(l -> l >= 0).sorted().toArray();
        if (latencies.length < seen.size()) {
          throw new IllegalStateException(
              "the pass-through lost the send-time header on "
                  + (seen.size() - latencies.length)
                  + " records");
        }
      }
      streams.close(Duration.ofMinutes(1));
      return new Passthrough(perSecond, latencies);
    }
  }

  /**
   * The pass-through's figures.
   *
   * @param perSecond records per second, first to last visible
   * @param latencyMicros send to {@code read_committed} receipt of each paced record, sorted
   */
  record Passthrough(double perSecond, long[] latencyMicros) {}

  private void pace(
      KafkaProducer<byte[], byte[]> producer,
      List<ProducerRecord<byte[], byte[]>> records,
      double rate) {
    com.google.common.util.concurrent.RateLimiter limiter =
        com.google.common.util.concurrent.RateLimiter.create(rate);
    for (ProducerRecord<byte[], byte[]> r : records) {
      limiter.acquire();
      ProducerRecord<byte[], byte[]> timed = readdressed(r);
      timed.headers().remove(KafkaScorerBenchmark.SENT_HEADER);
      timed
          .headers()
          .add(
              KafkaScorerBenchmark.SENT_HEADER,
              ByteBuffer.allocate(8).putLong(System.nanoTime()).array());
      producer.send(timed);
    }
    producer.flush();
  }

  private ProducerRecord<byte[], byte[]> readdressed(ProducerRecord<byte[], byte[]> r) {
    return new ProducerRecord<>(inTopic, null, r.timestamp(), r.key(), r.value(), r.headers());
  }

  private byte[] nextDecision(AtomicLong next) {
    return decisionValues.get((int) (next.getAndIncrement() % decisionValues.size()));
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return producer(servers);
  }

  /** The benchmark's producer: idempotent, {@code acks=all}, no linger. */
  static KafkaProducer<byte[], byte[]> producer(String servers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** One plain loop: read applications, write a decision-sized record for each. */
  private void relay(String out, AtomicBoolean stop) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + "plain");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // The scorer's producer setting (ScorerConfig.streamsProperties).
    p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    AtomicLong next = new AtomicLong();
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      consumer.subscribe(List.of(inTopic));
      while (!stop.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          producer.send(
              new ProducerRecord<>(
                  out, null, r.timestamp(), r.key(), nextDecision(next), r.headers()));
        }
      }
    }
  }

  private String outTopic(String kind) {
    return outTopic(prefix, kind);
  }

  private static String outTopic(String prefix, String kind) {
    return prefix + "baseline-" + kind + "-decisions";
  }

  /** The benchmark's reader: {@code read_committed}, no group offsets committed. */
  static KafkaConsumer<byte[], byte[]> readCommitted(String servers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** A {@code read_committed} reader of every partition of {@code topic}, from its end. */
  private KafkaConsumer<byte[], byte[]> reader(String topic) {
    KafkaConsumer<byte[], byte[]> consumer = readCommitted(servers);
    List<TopicPartition> all = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      all.add(new TopicPartition(topic, i));
    }
    consumer.assign(all);
    consumer.seekToEnd(all);
    all.forEach(consumer::position);
    return consumer;
  }

  /** A record as the reader saw it. */
  private record Seen(long receivedNanos, long latencyMicros) {}

  /**
   * Reads until {@code n} records came; fails at {@code timeout}, or as soon as one of {@code
   * workers} failed (its error, not a time-out, is the news).
   */
  private static List<Seen> collect(
      KafkaConsumer<byte[], byte[]> reader,
      int n,
      Duration timeout,
      List<CompletableFuture<Void>> workers)
      throws Exception {
    List<Seen> seen = new ArrayList<>(n);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (seen.size() < n) {
      for (CompletableFuture<Void> w : workers) {
        if (w.isCompletedExceptionally()) {
          w.get();
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "baseline: only " + seen.size() + " of " + n + " records within " + timeout);
      }
      for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(100))) {
        long now = System.nanoTime();
        Header sent = r.headers().lastHeader(KafkaScorerBenchmark.SENT_HEADER);
        seen.add(
            new Seen(
                now, sent == null ? -1 : (now - ByteBuffer.wrap(sent.value()).getLong()) / 1_000));
      }
    }
    return seen;
  }

  /** Records per second from the first seen to the last, as the scorer's throughput is counted. */
  private static double rate(List<Seen> seen) {
    if (seen.size() < 2) {
      throw new IllegalStateException("baseline: fewer than two records, no rate");
    }
    long first = seen.get(0).receivedNanos();
    long last = seen.get(seen.size() - 1).receivedNanos();
    return (seen.size() - 1) / ((last - first) / 1e9);
  }
}
