package fr.pretadepenser.scoring.dashboard;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.monitoring.MonitoringView;
import fr.pretadepenser.scoring.dashboard.security.AdvisorPassword;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.ModelAlert;
import fr.pretadepenser.scoring.events.MonitoringSnapshot;
import fr.pretadepenser.scoring.explain.DecisionExplainer;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.schemas.HistorySources;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One running dashboard per test JVM, on the embedded broker, fed with generated events: the first
 * {@value #CLIENTS} applicants of the sample with their applications, decisions scored by the
 * bundle's model, explained decisions (by the explain library, in English, as the explainer service
 * sends them) for all but the last {@value #UNEXPLAINED}, and one dead letter.
 */
final class TestDashboard {

  static final String PASSWORD = "advisor-test-password";
  static final String SUPERVISOR_PASSWORD = "supervisor-test-password";
  static final int CLIENTS = 200;
  static final int UNEXPLAINED = 20;

  final LocalKafkaBroker kafka;
  final Topics topics;
  final ConfigurableApplicationContext context;
  final int port;
  final List<Decision> decisions = new ArrayList<>();
  final List<ExplainedDecision> explained = new ArrayList<>();
  final List<Applicant> applicants = new ArrayList<>();

  /**
   * {@code GET /api/monitoring} as the advisor, read right after the start, before any test could
   * publish a monitoring snapshot: the page's empty state.
   */
  final String monitoringAtStart;

  private static TestDashboard shared;

  private TestDashboard() throws Exception {
    Path bundleDir = TestData.bundle();
    HomeCreditData data = TestData.sample();
    kafka = LocalKafkaBroker.shared();
    String prefix = "dash-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    topics = Topics.withPrefix(prefix);
    kafka.createTopics(topics, 2);
    try (ModelBundle bundle = ModelBundle.load(bundleDir);
        DecisionExplainer explainer = DecisionExplainer.of(bundle)) {
      ApplicationScorer scorer = ApplicationScorer.of(bundle);
      for (int i = 0; i < CLIENTS; i++) {
        Applicant a = data.applicant(i);
        applicants.add(a);
        decisions.add(TestData.decision(scorer, a, bundle.metadata().modelVersion()));
        // As the replay sends them: the history each application announces, per source (the
        // what-if must carry this map through to the intake's checks).
        a.application().setHistoryAnnounced(HistorySources.counts(a.history()));
      }
      try (var producer = producer()) {
        for (int i = 0; i < CLIENTS; i++) {
          send(
              producer,
              topics.loanApplications(),
              applicants.get(i).clientId(),
              applicants.get(i).application());
          send(producer, topics.decisions(), decisions.get(i).getSKIDCURR(), decisions.get(i));
          if (i < CLIENTS - UNEXPLAINED) {
            explained.add(explainer.explain(decisions.get(i)));
            send(
                producer,
                topics.explainedDecisions(),
                decisions.get(i).getSKIDCURR(),
                explained.get(i));
          }
        }
        DeadLetter letter =
            DeadLetter.newBuilder()
                .setSourceTopic(topics.loanApplications().name())
                .setSourcePartition(0)
                .setSourceOffset(0)
                .setKey(null)
                .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setReason("test: not a loan application")
                .setStage("decode")
                .setFailedAt(Instant.now())
                .build();
        producer.send(
            new ProducerRecord<>(
                topics.deadLetters().name(),
                new byte[] {1},
                topics.deadLetters().valueSerde().serializer().serialize("", letter)));
        producer.flush();
      }
    }
    context =
        DashboardApplication.builder()
            .run(
                DashboardApplication.arguments(
                    kafka.bootstrapServers(),
                    bundleDir,
                    0,
                    prefix,
                    "--dashboard.advisor-password=" + PASSWORD,
                    "--dashboard.supervisor-password=" + SUPERVISOR_PASSWORD,
                    "--dashboard.client-buffer=64"));
    port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    monitoringAtStart =
        advisor()
            .get()
            .uri("/api/monitoring")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
  }

  /** Publishes monitoring snapshots and alerts (keyed by model version, as the monitor does). */
  void publishMonitoring(List<MonitoringSnapshot> snapshots, List<ModelAlert> alerts) {
    try (var producer = producer()) {
      for (MonitoringSnapshot s : snapshots) {
        send(producer, topics.monitoring(), s.getModelVersion(), s);
      }
      for (ModelAlert a : alerts) {
        send(producer, topics.alerts(), a.getModelVersion(), a);
      }
      producer.flush();
    }
  }

  /** Waits until the dashboard has read at least this many snapshots and alerts in all. */
  void awaitMonitoring(long snapshots, long alerts) throws InterruptedException {
    MonitoringView view = context.getBean(MonitoringView.class);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (view.snapshots() >= snapshots && view.alertCount() >= alerts) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "the dashboard did not read the monitoring events: "
            + view.snapshots()
            + " snapshots, "
            + view.alertCount()
            + " alerts");
  }

  static synchronized TestDashboard get() {
    if (shared == null) {
      try {
        shared = new TestDashboard();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return shared;
  }

  KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new org.apache.kafka.common.serialization.ByteArraySerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer());
  }

  <K, V> void send(KafkaProducer<byte[], byte[]> producer, Topic<K, V> topic, K key, V value) {
    producer.send(
        new ProducerRecord<>(
            topic.name(),
            topic.keySerde().serializer().serialize(topic.name(), key),
            topic.valueSerde().serializer().serialize(topic.name(), value)));
  }

  /** A client that is not logged in. */
  WebTestClient anonymous() {
    return WebTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .responseTimeout(java.time.Duration.ofSeconds(30))
        .build();
  }

  /** A script with the advisor's HTTP Basic credentials. */
  WebTestClient advisor() {
    return anonymous()
        .mutate()
        .defaultHeaders(h -> h.setBasicAuth(AdvisorPassword.USER, PASSWORD))
        .build();
  }

  /** A script with the supervisor's HTTP Basic credentials (roles ADVISOR and SUPERVISOR). */
  WebTestClient supervisor() {
    return anonymous()
        .mutate()
        .defaultHeaders(h -> h.setBasicAuth(AdvisorPassword.SUPERVISOR_USER, SUPERVISOR_PASSWORD))
        .build();
  }

  /** Waits until the dashboard has read every generated decision. */
  void awaitLoaded() throws InterruptedException {
    DashboardView view = context.getBean(DashboardView.class);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      DashboardView.Stats s = view.stats();
      if (s.decisions() >= CLIENTS
          && s.explained() >= CLIENTS - UNEXPLAINED
          && s.deadLetters() >= 1
          && s.applications() >= CLIENTS) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the dashboard did not read the test events: " + view.stats());
  }
}
