package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.security.AdvisorPassword;
import fr.pretadepenser.scoring.events.Counterfactual;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.explain.DecisionExplainer;
import fr.pretadepenser.scoring.explain.PathToApproval;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.schemas.HistorySources;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 17's "done means" for the path to approval, over EVERY refusal of the sample: a dashboard
 * of its own (on the embedded broker) is fed each refused applicant's application, decision and
 * explained decision, the latter with the path to approval the explainer computes ({@link
 * PathToApproval} on the sample-trained bundle). For each refusal, {@code GET /api/clients/{id}}
 * shows the explainer's path; for each path found, its {@code changes} sent to {@code POST
 * /api/what-if} (the real controller, over HTTP) give GRANTED at exactly the explainer's
 * probability. It prints the share of refusals with a path and the median change.
 */
class PathToApprovalWhatIfTest {

  static final String PASSWORD = "path-test-password";

  @Test
  @SuppressWarnings("unchecked")
  void everySampleRefusalsPathIsGrantedByWhatIf() throws Exception {
    Path bundleDir = TestData.bundle();
    HomeCreditData data = TestData.sample();
    LocalKafkaBroker kafka = LocalKafkaBroker.shared();
    String prefix = "path-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Topics topics = Topics.withPrefix(prefix);
    kafka.createTopics(topics, 2);

    List<Applicant> refused = new ArrayList<>();
    List<ExplainedDecision> explained = new ArrayList<>();
    try (ModelBundle bundle = ModelBundle.load(bundleDir);
        DecisionExplainer explainer = DecisionExplainer.of(bundle);
        KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      ApplicationScorer scorer = ApplicationScorer.of(bundle);
      PathToApproval paths = new PathToApproval(scorer);
      for (int i = 0; i < data.size(); i++) {
        Applicant a = data.applicant(i);
        Decision d = TestData.decision(scorer, a, bundle.metadata().modelVersion());
        if (d.getDecision() != DecisionOutcome.REFUSED) {
          continue;
        }
        // The application announces its history, as the demo's and the intake's do (what-if
        // answered 400 to every such client before it sent history_announced back as an object).
        LoanApplication app =
            LoanApplication.newBuilder(a.application())
                .setHistoryAnnounced(HistorySources.counts(a.history()))
                .build();
        // As the scorer writes a refusal, and the explainer explains it.
        d = Decision.newBuilder(d).setApplication(app).build();
        ExplainedDecision e = explainer.explain(d);
        e.setCounterfactual(paths.of(d));
        refused.add(a);
        explained.add(e);
        send(producer, topics.loanApplications(), a.clientId(), app);
        send(producer, topics.decisions(), a.clientId(), d);
        send(producer, topics.explainedDecisions(), a.clientId(), e);
      }
      producer.flush();
    }
    assertThat(refused).isNotEmpty();

    ConfigurableApplicationContext context =
        DashboardApplication.builder()
            .run(
                DashboardApplication.arguments(
                    kafka.bootstrapServers(),
                    bundleDir,
                    0,
                    prefix,
                    "--dashboard.advisor-password=" + PASSWORD));
    try {
      awaitLoaded(context.getBean(DashboardView.class), refused.size());
      int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
      WebTestClient advisor =
          WebTestClient.bindToServer()
              .baseUrl("http://localhost:" + port)
              .responseTimeout(Duration.ofSeconds(30))
              .defaultHeaders(h -> h.setBasicAuth(AdvisorPassword.USER, PASSWORD))
              .build();

      int found = 0;
      List<Double> amountCuts = new ArrayList<>();
      List<Double> paymentCuts = new ArrayList<>();
      for (int i = 0; i < refused.size(); i++) {
        Applicant a = refused.get(i);
        ExplainedDecision e = explained.get(i);
        Counterfactual c = e.getCounterfactual();
        Map<String, Object> file =
            advisor
                .get()
                .uri("/api/clients/" + a.clientId())
                .header("Accept-Language", i == 0 ? "fr" : "en")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> shown = (Map<String, Object>) file.get("counterfactual");
        assertThat(shown).as("client %d", a.clientId()).isNotNull();
        assertThat(shown.get("found")).isEqualTo(c.getFound());
        assertThat(((Number) shown.get("probability")).doubleValue()).isEqualTo(c.getProbability());
        assertThat(((Number) shown.get("target")).doubleValue()).isEqualTo(c.getTarget());
        String text = (String) shown.get("text");
        if (!c.getFound()) {
          assertThat((Map<?, ?>) shown.get("changes")).isEmpty();
          assertThat(text)
              .startsWith(
                  i == 0
                      ? "Aucune modification du prêt ne suffirait"
                      : "No change of the loan would be enough");
          continue;
        }
        found++;
        Map<String, Object> changes = (Map<String, Object>) shown.get("changes");
        assertThat(changes).hasSameSizeAs(c.getChanges());
        c.getChanges()
            .forEach((k, v) -> assertThat(((Number) changes.get(k)).doubleValue()).isEqualTo(v));
        assertThat(text).contains(i == 0 ? "au lieu de" : "instead of");

        // The path, exactly as the client page's button sends it to What-if.
        Map<String, Object> result =
            advisor
                .post()
                .uri("/api/what-if")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("clientId", a.clientId(), "changes", changes))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> original = (Map<String, Object>) result.get("original");
        Map<String, Object> whatIf = (Map<String, Object>) result.get("whatIf");
        assertThat(original.get("decision")).isEqualTo("REFUSED");
        assertThat(whatIf.get("decision")).as("client %d", a.clientId()).isEqualTo("GRANTED");
        assertThat(((Number) whatIf.get("probability")).doubleValue())
            .as("client %d", a.clientId())
            .isEqualTo(c.getProbability());

        double askedCredit = a.application().getAMTCREDIT();
        Double askedAnnuity = a.application().getAMTANNUITY();
        amountCuts.add(1 - c.getChanges().getOrDefault("AMT_CREDIT", askedCredit) / askedCredit);
        if (askedAnnuity != null) {
          paymentCuts.add(
              1 - c.getChanges().getOrDefault("AMT_ANNUITY", askedAnnuity) / askedAnnuity);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "path to approval through what-if: %d of %d sample refusals have a path (%.1f%%), each"
              + " GRANTED by POST /api/what-if at the explainer's probability; median cut of the"
              + " amount %.1f%%, of the payment %.1f%%%n",
          found,
          refused.size(),
          100.0 * found / refused.size(),
          100 * median(amountCuts),
          100 * median(paymentCuts));
      assertThat(found).isPositive();
    } finally {
      context.close();
    }
  }

  static void awaitLoaded(DashboardView view, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      DashboardView.Stats s = view.stats();
      if (s.decisions() >= n && s.explained() >= n && s.applications() >= n) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the dashboard did not read the refusals: " + view.stats());
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static KafkaProducer<byte[], byte[]> producer(LocalKafkaBroker kafka) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  static <K, V> void send(
      KafkaProducer<byte[], byte[]> producer, Topic<K, V> topic, K key, V value) {
    producer.send(
        new ProducerRecord<>(
            topic.name(),
            topic.keySerde().serializer().serialize(topic.name(), key),
            topic.valueSerde().serializer().serialize(topic.name(), value)));
  }
}
