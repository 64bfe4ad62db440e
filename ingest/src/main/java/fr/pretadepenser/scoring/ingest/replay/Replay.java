package fr.pretadepenser.scoring.ingest.replay;

import com.google.common.util.concurrent.RateLimiter;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.LoanOutcome;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.homecredit.HomeCreditTable;
import fr.pretadepenser.scoring.homecredit.TableReport;
import fr.pretadepenser.scoring.ingest.IngestException;
import fr.pretadepenser.scoring.ingest.KafkaPreflight;
import fr.pretadepenser.scoring.schemas.ClientHistories;
import fr.pretadepenser.scoring.schemas.HistorySources;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Replays a folder of Kaggle Home Credit tables onto Kafka: first every client's history as {@code
 * ClientHistoryEvent}s on {@code client-history}, then every application on {@code
 * loan-applications}, both keyed by {@code SK_ID_CURR}, in application-file order.
 *
 * <p>History goes first, all of it, so that a scorer reading both topics has each client's history
 * before that client's application, as the record timestamps also say (a history event carries the
 * time it was published, an application the later time it was submitted). Kafka Streams reads two
 * topics in that order only as far as it has fetched them, so each application also announces how
 * many history events of each source were published for its client ({@code history_announced}, and
 * their total in {@code history_events}), and the scorer waits for that many. Each client's events
 * are published in the order of {@link ClientHistories#events}, so a consumer folding them in topic
 * order gets back the same {@code ClientHistory} and the same features as batch training.
 *
 * <p>Every event carries its {@code event_id} (table and row identity, {@link
 * ClientHistories#eventIds}) and every application its id ({@code HC-<SK_ID_CURR>}), the same on
 * every run over the same files: replaying twice onto a running scorer (a retried ingest, a
 * one-shot container run again) folds each fact and decides each application once.
 *
 * <p>The producer is idempotent with {@code acks=all}: a retry after a lost acknowledgement does
 * not duplicate or reorder events within a partition. Any send failure stops the replay with the
 * first error.
 */
public final class Replay {

  /** Which topics to publish. */
  public enum Mode {
    ALL,
    HISTORY_ONLY,
    APPLICATIONS_ONLY,
    /**
     * Only what became of each loan ({@code TARGET} of application_train) on {@code loan-outcomes},
     * as a lender learns it months after the decisions; for the monitoring.
     */
    OUTCOMES_ONLY
  }

  /**
   * What to replay, and where.
   *
   * @param bootstrapServers Kafka's {@code host:port[,host:port]}
   * @param data a folder of Kaggle tables (see {@link HomeCreditFiles#locate})
   * @param rate applications per second, or null for as fast as Kafka takes them; history is never
   *     paced
   * @param mode which topics
   * @param topicPrefix prefix of every topic name ("" for the standard names)
   */
  public record Options(
      String bootstrapServers, Path data, Double rate, Mode mode, String topicPrefix) {
    public Options {
      Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(topicPrefix, "topicPrefix");
      if (rate != null && !(rate > 0 && Double.isFinite(rate))) {
        throw new IngestException("--rate must be a positive number of applications per second");
      }
      if (rate != null && (mode == Mode.HISTORY_ONLY || mode == Mode.OUTCOMES_ONLY)) {
        throw new IngestException(
            "--rate paces applications; with --history-only or --outcomes-only there are none"
                + " to pace");
      }
    }
  }

  /**
   * What was published.
   *
   * @param clients applicants read from the data
   * @param events history events published
   * @param applications applications published
   * @param outcomes loan outcomes published ({@link Mode#OUTCOMES_ONLY})
   * @param elapsed from the start of reading to the last acknowledgement
   */
  public record Summary(
      int clients, long events, long applications, long outcomes, Duration elapsed) {}

  /** Told how far the replay is, for a progress bar; called from the replaying thread. */
  public interface Listener {
    /** A step begins: "Reading" (in bytes), "History" (events), "Applications". */
    void begin(String step, long total, String unit);

    /** {@code n} more units of the current step are done. */
    void advance(long n);

    /** The current step is over. */
    void end();

    Listener NONE =
        new Listener() {
          @Override
          public void begin(String step, long total, String unit) {}

          @Override
          public void advance(long n) {}

          @Override
          public void end() {}
        };
  }

  private static final int PREFLIGHT_SECONDS = 10;

  private final Options options;
  private final int preflightSeconds;
  private final Listener listener;
  private final Clock clock;
  private final Topics topics;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  private Replay(Options options, Listener listener, Clock clock, int preflightSeconds) {
    this.options = options;
    this.preflightSeconds = preflightSeconds;
    this.listener = listener;
    this.clock = clock;
    this.topics = topics(options.topicPrefix());
  }

  /**
   * Reads the data, checks Kafka and the topics, publishes, and waits for every acknowledgement.
   *
   * @throws IngestException when Kafka is unreachable, a topic is missing, or a send fails
   * @throws fr.pretadepenser.scoring.homecredit.DataFileException when the data is malformed or the
   *     folder has no application table
   */
  public static Summary run(Options options, Listener listener) {
    return run(options, listener, PREFLIGHT_SECONDS);
  }

  /** As {@link #run(Options, Listener)}, giving up on an unreachable Kafka sooner (tests). */
  static Summary run(Options options, Listener listener, int preflightSeconds) {
    return new Replay(options, listener, Clock.systemUTC(), preflightSeconds).run();
  }

  private Summary run() {
    long started = System.nanoTime();
    HomeCreditFiles files = HomeCreditFiles.locate(options.data());
    Mode mode = options.mode();
    if (mode == Mode.OUTCOMES_ONLY) {
      // TARGET is in the application table: the history tables, most of the bytes, stay unread.
      Path application = files.file(HomeCreditTable.APPLICATION).orElseThrow();
      files =
          new HomeCreditFiles(files.directory(), Map.of(HomeCreditTable.APPLICATION, application));
    }
    boolean history = mode == Mode.ALL || mode == Mode.HISTORY_ONLY;
    boolean applicationsToo = mode == Mode.ALL || mode == Mode.APPLICATIONS_ONLY;
    List<String> needed = new ArrayList<>();
    if (history) {
      needed.add(topics.clientHistory().name());
    }
    if (applicationsToo) {
      needed.add(topics.loanApplications().name());
    }
    if (mode == Mode.OUTCOMES_ONLY) {
      needed.add(topics.loanOutcomes().name());
    }
    // Before the (possibly long) read, so that a typo in --bootstrap costs seconds, not minutes.
    KafkaPreflight.check(options.bootstrapServers(), needed, preflightSeconds);
    HomeCreditData data = load(files);

    if (mode == Mode.OUTCOMES_ONLY && !data.hasTarget()) {
      throw new IngestException(
          files.file(HomeCreditTable.APPLICATION).orElseThrow()
              + " has no TARGET column: outcomes come from application_train, not"
              + " application_test");
    }
    long events = 0;
    long applications = 0;
    long outcomes = 0;
    try (Producer<byte[], byte[]> producer = producer(options.bootstrapServers())) {
      if (mode == Mode.OUTCOMES_ONLY) {
        outcomes = publishOutcomes(data, producer);
      }
      if (history) {
        events = publishHistory(data, producer);
        // Every history event acknowledged before the first application is sent, as the class
        // comment promises: otherwise application batches can overtake history batches still in
        // the producer's buffer (different partitions are drained independently).
        producer.flush();
        throwIfFailed();
      }
      if (applicationsToo) {
        applications = publishApplications(data, producer);
      }
      producer.flush();
    } catch (KafkaException e) {
      throw failed(e);
    }
    throwIfFailed();
    return new Summary(
        data.size(), events, applications, outcomes, Duration.ofNanos(System.nanoTime() - started));
  }

  private HomeCreditData load(HomeCreditFiles files) {
    listener.begin("Reading", files.totalBytes(), "MiB");
    try {
      LongConsumer progress = listener::advance;
      // The loader reports from several threads; the listener is told from this one only.
      LongConsumer serialised =
          n -> {
            synchronized (this) {
              progress.accept(n);
            }
          };
      return HomeCreditData.load(files, new HomeCreditData.Options(clock.instant(), 0, serialised));
    } finally {
      listener.end();
    }
  }

  private long publishHistory(HomeCreditData data, Producer<byte[], byte[]> producer) {
    Topic<Long, ClientHistoryEvent> topic = topics.clientHistory();
    listener.begin("History", expectedEvents(data), "events");
    long sent = 0;
    try {
      for (int i = 0; i < data.size(); i++) {
        Applicant applicant = data.applicant(i);
        Instant recordedAt = clock.instant();
        List<ClientHistoryEvent> events = ClientHistories.events(applicant.history(), recordedAt);
        byte[] key = topic.keySerde().serializer().serialize(topic.name(), applicant.clientId());
        for (ClientHistoryEvent event : events) {
          byte[] value = topic.valueSerde().serializer().serialize(topic.name(), event);
          send(producer, topic.name(), key, value, recordedAt);
        }
        sent += events.size();
        listener.advance(events.size());
        throwIfFailed();
      }
    } finally {
      listener.end();
    }
    return sent;
  }

  private long publishApplications(HomeCreditData data, Producer<byte[], byte[]> producer) {
    Topic<Long, LoanApplication> topic = topics.loanApplications();
    // Guava's RateLimiter spreads permits evenly (no burst at start, none after a pause longer
    // than a second beyond its small stored allowance), which is what a steady test load needs.
    RateLimiter limiter = options.rate() == null ? null : RateLimiter.create(options.rate());
    listener.begin("Applications", data.size(), "applications");
    long sent = 0;
    try {
      for (int i = 0; i < data.size(); i++) {
        if (limiter != null) {
          limiter.acquire();
        }
        Applicant applicant = data.applicant(i);
        LoanApplication application = applicant.application();
        Instant submittedAt = clock.instant();
        application.setSubmittedAt(submittedAt);
        // Announced in every mode: with --applications-only the history was (or will be)
        // published by a --history-only run of the same data. Per source, so that the scorer
        // waits for each source's own events; the total too, for scorers that predate it.
        application.setHistoryEvents(ClientHistories.count(applicant.history()));
        application.setHistoryAnnounced(HistorySources.counts(applicant.history()));
        byte[] key = topic.keySerde().serializer().serialize(topic.name(), applicant.clientId());
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), application);
        send(producer, topic.name(), key, value, application.getSubmittedAt());
        sent++;
        listener.advance(1);
        throwIfFailed();
      }
    } finally {
      listener.end();
    }
    return sent;
  }

  private long publishOutcomes(HomeCreditData data, Producer<byte[], byte[]> producer) {
    Topic<Long, LoanOutcome> topic = topics.loanOutcomes();
    listener.begin("Outcomes", data.size(), "outcomes");
    long sent = 0;
    try {
      for (int i = 0; i < data.size(); i++) {
        Applicant applicant = data.applicant(i);
        if (applicant.target() == null) {
          continue;
        }
        Instant knownAt = clock.instant();
        LoanOutcome outcome =
            LoanOutcome.newBuilder()
                .setSKIDCURR(applicant.clientId())
                .setApplicationId(applicant.application().getApplicationId())
                .setDefaulted(applicant.target() == 1)
                .setKnownAt(knownAt)
                .build();
        byte[] key = topic.keySerde().serializer().serialize(topic.name(), applicant.clientId());
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), outcome);
        send(producer, topic.name(), key, value, knownAt);
        sent++;
        listener.advance(1);
        throwIfFailed();
      }
    } finally {
      listener.end();
    }
    return sent;
  }

  private void send(
      Producer<byte[], byte[]> producer, String topic, byte[] key, byte[] value, Instant at) {
    producer.send(
        new ProducerRecord<>(topic, null, at.toEpochMilli(), key, value),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  private void throwIfFailed() {
    Exception e = failure.get();
    if (e != null) {
      throw failed(e);
    }
  }

  private IngestException failed(Exception e) {
    return new IngestException(
        "publishing to Kafka at " + options.bootstrapServers() + " failed: " + e.getMessage(), e);
  }

  /** Every history event the data holds: bureau credits (with their months) and monthly rows. */
  static long expectedEvents(HomeCreditData data) {
    long n = 0;
    for (TableReport report : data.reports().values()) {
      if (report.table() != HomeCreditTable.APPLICATION
          && report.table() != HomeCreditTable.BUREAU_BALANCE) {
        n += report.rowsKept();
      }
    }
    return n;
  }

  static Topics topics(String prefix) {
    try {
      return Topics.withPrefix(prefix);
    } catch (IllegalArgumentException e) {
      throw new IngestException(e.getMessage(), e);
    }
  }

  /**
   * One producer for both topics (one idempotent session, one final flush), so it takes bytes and
   * each value is serialised with its topic's serde from the catalogue.
   */
  private static Producer<byte[], byte[]> producer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "scoring-ingest");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Throughput for a bulk load: bigger, compressed batches; a few ms of latency do not matter.
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        org.apache.kafka.common.serialization.ByteArraySerializer.class);
    p.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        org.apache.kafka.common.serialization.ByteArraySerializer.class);
    return new KafkaProducer<>(p);
  }
}
