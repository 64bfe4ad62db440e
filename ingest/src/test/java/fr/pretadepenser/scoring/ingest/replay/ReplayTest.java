package fr.pretadepenser.scoring.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.LoanOutcome;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.DataFileException;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.ingest.IngestException;
import fr.pretadepenser.scoring.ingest.SampleData;
import fr.pretadepenser.scoring.ingest.TopicReader;
import fr.pretadepenser.scoring.schemas.ClientHistories;
import fr.pretadepenser.scoring.schemas.HistorySources;
import fr.pretadepenser.scoring.schemas.Topics;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay of the shipped Kaggle sample onto a real broker, read back and compared. */
class ReplayTest {

  private static LocalKafkaBroker kafka;

  @BeforeAll
  static void start() {
    kafka = LocalKafkaBroker.shared();
  }

  private static Replay.Options options(Path data, Double rate, Replay.Mode mode, String prefix) {
    return new Replay.Options(kafka.bootstrapServers(), data, rate, mode, prefix);
  }

  @Test
  void theWholeSampleComesBackFromTheTopicsAsTheSameHistoriesApplicationsAndFeatures() {
    Topics topics = Topics.withPrefix("replay-all.");
    kafka.createTopics(topics, 3);

    Replay.Summary summary =
        Replay.run(
            options(SampleData.SAMPLE, null, Replay.Mode.ALL, "replay-all."), Replay.Listener.NONE);

    assertThat(summary.clients()).isEqualTo(SampleData.APPLICANTS);
    assertThat(summary.events()).isEqualTo(SampleData.HISTORY_EVENTS);
    assertThat(summary.applications()).isEqualTo(SampleData.APPLICANTS);
    String bootstrap = kafka.bootstrapServers();
    assertThat(TopicReader.count(bootstrap, topics.clientHistory().name()))
        .isEqualTo(SampleData.HISTORY_EVENTS);
    assertThat(TopicReader.count(bootstrap, topics.loanApplications().name()))
        .isEqualTo(SampleData.APPLICANTS);

    // Fold the history topic in topic order, as the scorer does.
    Map<Long, ClientHistory> folded = new HashMap<>();
    Map<Long, Long> lastHistoryTimestamp = new HashMap<>();
    Map<Long, Integer> eventsOnTopic = new HashMap<>();
    java.util.Set<String> eventIds = new java.util.HashSet<>();
    for (ConsumerRecord<Long, ClientHistoryEvent> r :
        TopicReader.readAll(bootstrap, topics.clientHistory())) {
      assertThat(r.value().getSKIDCURR()).isEqualTo(r.key());
      assertThat(r.timestamp()).isEqualTo(r.value().getRecordedAt().toEpochMilli());
      ClientHistories.append(folded.computeIfAbsent(r.key(), ClientHistories::empty), r.value());
      lastHistoryTimestamp.merge(r.key(), r.timestamp(), Math::max);
      eventsOnTopic.merge(r.key(), 1, Integer::sum);
      assertThat(eventIds.add(r.key() + "/" + r.value().getEventId()))
          .as("event id %s of client %d is unique and set", r.value().getEventId(), r.key())
          .isTrue();
      assertThat(r.value().getEventId()).matches("[a-z_]+:\\d+(:\\d+)?");
    }
    Map<Long, ConsumerRecord<Long, LoanApplication>> applications = new LinkedHashMap<>();
    for (ConsumerRecord<Long, LoanApplication> r :
        TopicReader.readAll(bootstrap, topics.loanApplications())) {
      assertThat(applications.put(r.key(), r)).as("one application per client").isNull();
    }

    HomeCreditData data = SampleData.data();
    FeatureDefinition definition = new FeatureDefinition(data.vocabulary());
    for (int i = 0; i < data.size(); i++) {
      Applicant batch = data.applicant(i);
      long id = batch.clientId();
      ClientHistory streamed = folded.getOrDefault(id, ClientHistories.empty(id));
      assertThat(streamed).as("history of client %d", id).isEqualTo(batch.history());

      ConsumerRecord<Long, LoanApplication> record = applications.get(id);
      LoanApplication published = record.value();
      assertThat(record.timestamp()).isEqualTo(published.getSubmittedAt().toEpochMilli());
      assertThat(record.timestamp())
          .as("the application comes after its client's history")
          .isGreaterThanOrEqualTo(lastHistoryTimestamp.getOrDefault(id, 0L));
      LoanApplication expected = LoanApplication.newBuilder(batch.application()).build();
      expected.setSubmittedAt(published.getSubmittedAt());
      // It announces exactly the events of its client on the history topic, per source too.
      expected.setHistoryEvents(eventsOnTopic.getOrDefault(id, 0));
      expected.setHistoryAnnounced(HistorySources.counts(streamed));
      assertThat(published).isEqualTo(expected);

      float[] offline = definition.compute(batch.application(), batch.history());
      float[] online = definition.compute(published, streamed);
      assertThat(bits(online)).as("features of client %d", id).isEqualTo(bits(offline));
    }
  }

  @Test
  void historyOnlyAndPacedApplicationsOnly(@TempDir Path dir) throws IOException {
    Path subset = subset(dir, 40);
    HomeCreditData data = HomeCreditData.load(subset, Instant.now());
    long expectedEvents = 0;
    for (int i = 0; i < data.size(); i++) {
      expectedEvents += ClientHistories.count(data.applicant(i).history());
    }
    assertThat(data.size()).isEqualTo(40);
    assertThat(expectedEvents).isPositive();
    Topics topics = Topics.withPrefix("replay-modes.");
    kafka.createTopics(topics, 2);
    String bootstrap = kafka.bootstrapServers();

    Replay.Summary history =
        Replay.run(
            options(subset, null, Replay.Mode.HISTORY_ONLY, "replay-modes."), Replay.Listener.NONE);
    assertThat(history.events()).isEqualTo(expectedEvents);
    assertThat(history.applications()).isZero();
    assertThat(TopicReader.count(bootstrap, topics.loanApplications().name())).isZero();

    List<String> steps = new ArrayList<>();
    Replay.Summary paced =
        Replay.run(
            options(subset, 50.0, Replay.Mode.APPLICATIONS_ONLY, "replay-modes."),
            new Replay.Listener() {
              @Override
              public void begin(String step, long total, String unit) {
                steps.add(step + " " + total);
              }

              @Override
              public void advance(long n) {}

              @Override
              public void end() {}
            });
    assertThat(paced.events()).isZero();
    assertThat(paced.applications()).isEqualTo(40);
    assertThat(TopicReader.count(bootstrap, topics.loanApplications().name())).isEqualTo(40);
    assertThat(TopicReader.count(bootstrap, topics.clientHistory().name()))
        .isEqualTo(expectedEvents);
    // 40 applications at 50 per second: the first at once, then one every 20 ms.
    assertThat(paced.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(39 * 20 - 50));
    assertThat(steps).containsExactly("Reading " + totalBytes(subset), "Applications 40");
  }

  @Test
  void clearErrorsBeforeAnythingIsPublished(@TempDir Path dir) {
    int nothingThere = freePort();
    assertThatThrownBy(
            () ->
                Replay.run(
                    new Replay.Options(
                        "localhost:" + nothingThere, SampleData.SAMPLE, null, Replay.Mode.ALL, ""),
                    Replay.Listener.NONE,
                    2))
        .isInstanceOf(IngestException.class)
        .hasMessage(
            "cannot reach Kafka at localhost:"
                + nothingThere
                + " within 2 s (is a broker running there? e.g. bin/scoring broker --port 9092)");

    assertThatThrownBy(
            () ->
                Replay.run(
                    options(SampleData.SAMPLE, null, Replay.Mode.ALL, "nobody-made-these."),
                    Replay.Listener.NONE))
        .isInstanceOf(IngestException.class)
        .hasMessageStartingWith(
            "topic(s) nobody-made-these.client-history, nobody-made-these.loan-applications do"
                + " not exist on "
                + kafka.bootstrapServers());

    assertThatThrownBy(
            () ->
                Replay.run(
                    options(dir.resolve("absent"), null, Replay.Mode.ALL, ""),
                    Replay.Listener.NONE))
        .isInstanceOf(DataFileException.class)
        .hasMessageEndingWith("absent: not a folder");

    assertThatThrownBy(() -> options(SampleData.SAMPLE, 10.0, Replay.Mode.HISTORY_ONLY, ""))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("--history-only");
    assertThatThrownBy(() -> options(SampleData.SAMPLE, -1.0, Replay.Mode.ALL, ""))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("--rate must be a positive number");
    assertThatThrownBy(
            () ->
                Replay.run(
                    options(SampleData.SAMPLE, null, Replay.Mode.ALL, "bad prefix"),
                    Replay.Listener.NONE))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("Topic prefix 'bad prefix' is not usable");
  }

  private static List<Integer> bits(float[] values) {
    List<Integer> out = new ArrayList<>(values.length);
    for (float v : values) {
      out.add(Float.floatToRawIntBits(v));
    }
    return out;
  }

  private static long totalBytes(Path dir) throws IOException {
    long total = 0;
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        total += Files.size(p);
      }
    }
    return total;
  }

  /**
   * The first {@code clients} applicants of the sample with their history rows, as plain CSV
   * (bureau_balance is left out: a credit's months are not needed to count events).
   */
  private static Path subset(Path dir, int clients) throws IOException {
    Set<String> ids = new HashSet<>();
    copy(
        "application_train",
        dir,
        (header, line) -> {
          if (ids.size() < clients) {
            ids.add(field(line, 0));
            return true;
          }
          return false;
        });
    for (String table :
        List.of(
            "bureau",
            "previous_application",
            "POS_CASH_balance",
            "installments_payments",
            "credit_card_balance")) {
      copy(table, dir, (header, line) -> ids.contains(field(line, header.indexOf("SK_ID_CURR"))));
    }
    return dir;
  }

  private interface RowFilter {
    boolean keep(List<String> header, String line);
  }

  private static void copy(String table, Path dir, RowFilter filter) throws IOException {
    Path source = SampleData.SAMPLE.resolve(table + ".csv.gz");
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(source)), StandardCharsets.UTF_8));
        BufferedWriter out =
            new BufferedWriter(
                new OutputStreamWriter(
                    Files.newOutputStream(dir.resolve(table + ".csv")), StandardCharsets.UTF_8))) {
      String headerLine = in.readLine();
      List<String> header = List.of(headerLine.split(","));
      out.write(headerLine);
      out.newLine();
      String line;
      while ((line = in.readLine()) != null) {
        if (filter.keep(header, line)) {
          out.write(line);
          out.newLine();
        }
      }
    }
  }

  /** The {@code index}-th field; the id columns come first, before any quoted text. */
  private static String field(String line, int index) {
    return line.split(",", index + 2)[index];
  }

  private static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void outcomesOnlyPublishesEachApplicantsTargetOnLoanOutcomes() {
    Topics topics = Topics.withPrefix("replay-outcomes.");
    kafka.createTopics(topics, 3);

    Replay.Summary summary =
        Replay.run(
            options(SampleData.SAMPLE, null, Replay.Mode.OUTCOMES_ONLY, "replay-outcomes."),
            Replay.Listener.NONE);

    assertThat(summary.outcomes()).isEqualTo(SampleData.APPLICANTS);
    assertThat(summary.events()).isZero();
    assertThat(summary.applications()).isZero();
    HomeCreditData data = SampleData.data();
    Map<Long, Integer> targets = new HashMap<>();
    for (int i = 0; i < data.size(); i++) {
      targets.put(data.applicant(i).clientId(), data.applicant(i).target());
    }
    List<ConsumerRecord<Long, LoanOutcome>> read =
        TopicReader.readAll(kafka.bootstrapServers(), topics.loanOutcomes());
    assertThat(read).hasSize(SampleData.APPLICANTS);
    long defaulted = 0;
    for (ConsumerRecord<Long, LoanOutcome> r : read) {
      assertThat(r.value().getSKIDCURR()).isEqualTo(r.key());
      assertThat(r.value().getDefaulted())
          .as("client %d", r.key())
          .isEqualTo(targets.get(r.key()) == 1);
      defaulted += r.value().getDefaulted() ? 1 : 0;
    }
    // The sample keeps Kaggle's default rate of about 8%: a constant outcome would be a bug.
    assertThat(defaulted).isBetween(100L, 500L);
    assertThat(TopicReader.count(kafka.bootstrapServers(), topics.loanApplications().name()))
        .isZero();
  }
}
