package fr.pretadepenser.scoring.scorer;

import static fr.pretadepenser.scoring.scorer.ScorerTopologyTest.assertSameVector;
import static fr.pretadepenser.scoring.scorer.ScorerTopologyTest.vector;
import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.schemas.ClientHistories;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applications that announce their history ({@code history_events}) wait for it: the fix for
 * decisions taken on part of a history that was still being read.
 */
class AnnouncedHistoryTest {

  static final long WAIT_MS = 30_000;

  @TempDir(factory = ShmTempDirs.class)
  Path stateDir;

  FeatureDefinition definition;
  ScorerHarness scorer;
  Applicant applicant;
  List<ClientHistoryEvent> events;

  @BeforeEach
  void start() {
    definition = SampleData.definition();
    scorer = harness();
    applicant = SampleData.withFullHistory();
    events = SampleData.events(applicant.history());
  }

  ScorerHarness harness() {
    return new ScorerHarness(
        stateDir,
        ShareOfKnownFeatures.scorer(definition, ScorerTopologyTest.THRESHOLD),
        ScorerConfig.DEFAULT_HISTORY_CACHE_EVENTS,
        WAIT_MS);
  }

  @AfterEach
  void stop() {
    scorer.close();
  }

  LoanApplication announcing(int count, String id) {
    return LoanApplication.newBuilder(applicant.application())
        .setApplicationId(id)
        .setHistoryEvents(count)
        .build();
  }

  void publish(List<ClientHistoryEvent> some) {
    for (ClientHistoryEvent e : some) {
      scorer.history.pipeInput(applicant.clientId(), e);
    }
  }

  @Test
  void anApplicationAheadOfItsHistoryIsDecidedWhenTheLastAnnouncedEventArrives() {
    assertThat(events).hasSizeGreaterThan(2);
    LoanApplication application = announcing(events.size(), "HC-early");
    scorer.apply(application);
    publish(events.subList(0, events.size() - 1));
    assertThat(scorer.readDecisions()).as("one announced event still missing").isEmpty();

    publish(events.subList(events.size() - 1, events.size()));

    List<Decision> decisions = scorer.readDecisions();
    assertThat(decisions).hasSize(1);
    Decision d = decisions.get(0);
    assertThat(d.getApplicationId()).isEqualTo("HC-early");
    // The same vector as when the history came first: the arrival order no longer matters.
    assertSameVector(vector(d), definition.compute(application, applicant.history()));
    assertThat(d.getHistoryEvents()).isEqualTo(events.size());
    assertThat(d.getHistoryExpected()).isEqualTo(events.size());
    assertThat(scorer.readDeadLetters()).isEmpty();
    assertThat(scorer.decisionStore().get(applicant.clientId()).getApplicationId())
        .isEqualTo("HC-early");
  }

  @Test
  void theDecisionCarriesItsApplicationsHeadersWhetherDecidedAtOnceOrAfterWaiting() {
    Headers early = new RecordHeaders().add("traceparent", bytes("00-early-01"));
    scorer.applications.pipeInput(
        new TestRecord<>(applicant.clientId(), announcing(events.size(), "HC-early"), early));
    publish(events);
    Headers onTime = new RecordHeaders().add("traceparent", bytes("00-on-time-01"));
    scorer.applications.pipeInput(
        new TestRecord<>(applicant.clientId(), announcing(events.size(), "HC-on-time"), onTime));

    List<TestRecord<Long, Decision>> decided = scorer.decisions.readRecordsToList();
    assertThat(decided)
        .extracting(r -> r.value().getApplicationId())
        .containsExactly("HC-early", "HC-on-time");
    assertThat(decided.get(0).headers().lastHeader("traceparent").value())
        .isEqualTo(bytes("00-early-01"));
    assertThat(decided.get(1).headers().lastHeader("traceparent").value())
        .isEqualTo(bytes("00-on-time-01"));
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anApplicationWhoseHistoryIsAlreadyStoredIsDecidedAtOnce() {
    publish(events);
    scorer.apply(announcing(events.size(), "HC-on-time"));

    List<Decision> decisions = scorer.readDecisions();
    assertThat(decisions).hasSize(1);
    assertThat(decisions.get(0).getHistoryEvents()).isEqualTo(events.size());
  }

  @Test
  void aLaterApplicationOfAWaitingClientWaitsBehindItSoDecisionsKeepTheClientsOrder() {
    scorer.apply(announcing(events.size(), "HC-1"));
    // Announces nothing, so alone it would be decided at once, before HC-1.
    LoanApplication second =
        LoanApplication.newBuilder(applicant.application()).setApplicationId("HC-2").build();
    scorer.apply(second);
    assertThat(scorer.readDecisions()).isEmpty();

    publish(events);

    List<Decision> decisions = scorer.readDecisions();
    assertThat(decisions).extracting(Decision::getApplicationId).containsExactly("HC-1", "HC-2");
    assertThat(decisions.get(1).getHistoryExpected()).isNull();
    assertSameVector(vector(decisions.get(1)), definition.compute(second, applicant.history()));
  }

  @Test
  void otherClientsAreNotHeldUpByAWaitingOne() {
    scorer.apply(announcing(events.size(), "HC-waiting"));
    Applicant other = SampleData.applicants(1, a -> a.clientId() != applicant.clientId()).get(0);
    scorer.apply(other.application());

    assertThat(scorer.readDecisions())
        .extracting(Decision::getSKIDCURR)
        .containsExactly(other.clientId());
  }

  @Test
  void historyThatNeverComesIsWaitedForAtMostTheConfiguredTimeThenTheDecisionSaysSo() {
    int sent = events.size() - 3;
    LoanApplication application = announcing(events.size(), "HC-lost-history");
    scorer.apply(application);
    publish(events.subList(0, sent));
    scorer.driver.advanceWallClockTime(Duration.ofMillis(WAIT_MS / 2));
    assertThat(scorer.readDecisions()).as("half the wait").isEmpty();

    scorer.driver.advanceWallClockTime(Duration.ofMillis(WAIT_MS / 2 + 1_000));

    List<Decision> decisions = scorer.readDecisions();
    assertThat(decisions).hasSize(1);
    Decision d = decisions.get(0);
    assertThat(d.getHistoryEvents()).isEqualTo(sent);
    assertThat(d.getHistoryExpected()).isEqualTo(events.size());
    ClientHistory partial = ClientHistories.empty(applicant.clientId());
    events.subList(0, sent).forEach(e -> ClientHistories.append(partial, e));
    assertSameVector(vector(d), definition.compute(application, partial));
  }
}
