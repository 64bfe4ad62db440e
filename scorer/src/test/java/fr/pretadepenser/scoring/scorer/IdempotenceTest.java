package fr.pretadepenser.scoring.scorer;

import static fr.pretadepenser.scoring.scorer.ScorerTopologyTest.assertSameVector;
import static fr.pretadepenser.scoring.scorer.ScorerTopologyTest.vector;
import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.BureauCredit;
import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.schemas.ClientHistories;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever is re-sent changes nothing: a history event is folded once per client, an application id
 * is decided once, and an announcement counts distinct events, not whatever the store holds. Each
 * test here failed on the scorer before event and application identities (issue 15).
 */
class IdempotenceTest {

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
    scorer =
        new ScorerHarness(
            stateDir,
            ShareOfKnownFeatures.scorer(definition, ScorerTopologyTest.THRESHOLD),
            ScorerConfig.DEFAULT_HISTORY_CACHE_EVENTS,
            WAIT_MS);
    applicant = SampleData.withFullHistory();
    events = SampleData.events(applicant.history());
  }

  @AfterEach
  void stop() {
    scorer.close();
  }

  void publish(List<ClientHistoryEvent> some) {
    for (ClientHistoryEvent e : some) {
      scorer.history.pipeInput(applicant.clientId(), e);
    }
  }

  @Test
  void aReSentHistoryIsFoldedOnceSoTheFeaturesAreThoseOfTheHistory() {
    publish(events);
    publish(events); // a retried ingest, a re-run one-shot replay

    scorer.apply(applicant.application());

    List<Decision> decisions = scorer.readDecisions();
    assertThat(decisions).hasSize(1);
    assertSameVector(
        vector(decisions.get(0)), definition.compute(applicant.application(), applicant.history()));
    assertThat(decisions.get(0).getHistoryEvents()).isEqualTo(events.size());
    assertThat(scorer.readDeadLetters()).as("a re-sent event is no error").isEmpty();
  }

  @Test
  void aReSentApplicationIsDecidedOnceEvenWhenItsSendTimeChanged() {
    publish(events);
    LoanApplication application = applicant.application();
    scorer.apply(application);
    // A re-run replay stamps submitted_at anew: still the same application.
    scorer.apply(
        LoanApplication.newBuilder(application)
            .setSubmittedAt(application.getSubmittedAt().plusSeconds(3_600))
            .build());
    scorer.apply(application);

    assertThat(scorer.readDecisions()).hasSize(1);
    assertThat(scorer.readDeadLetters()).isEmpty();
  }

  @Test
  void theSameApplicationIdWithOtherContentIsADeadLetterAndTheFirstDecisionStands() {
    publish(events);
    LoanApplication application = applicant.application();
    scorer.apply(application);
    LoanApplication other =
        LoanApplication.newBuilder(application)
            .setAMTCREDIT(application.getAMTCREDIT() * 2)
            .build();
    scorer.apply(other);

    List<Decision> decisions = scorer.readDecisions();
    assertThat(decisions).hasSize(1);
    List<DeadLetter> letters = scorer.readDeadLetters();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getStage()).isEqualTo("scorer/validate");
    assertThat(letters.get(0).getReason())
        .contains(
            "application id "
                + application.getApplicationId()
                + " was already received with different content");
    assertThat(scorer.decisionStore().get(applicant.clientId()).getApplicationId())
        .isEqualTo(application.getApplicationId());
  }

  @Test
  void anAnnouncementIsNotSatisfiedByReSentOrOlderHistory() {
    publish(events);
    publish(events); // stored twice before the fix: twice the count
    BureauCredit extra = BureauCredit.newBuilder(applicant.history().getBureau().get(0)).build();
    extra.setSKIDBUREAU(987_654_321L);
    ClientHistoryEvent newEvent =
        ClientHistoryEvent.newBuilder(events.get(0))
            .setEvent(extra)
            .setEventId("bureau:987654321")
            .build();
    LoanApplication application =
        LoanApplication.newBuilder(applicant.application())
            .setApplicationId("HC-after-new-credit")
            .setHistoryEvents(events.size() + 1)
            .build();

    scorer.apply(application);
    assertThat(scorer.readDecisions()).as("the new bureau credit has not come yet").isEmpty();

    publish(List.of(newEvent));

    List<Decision> decisions = scorer.readDecisions();
    assertThat(decisions).hasSize(1);
    ClientHistory expected = ClientHistories.fold(applicant.clientId(), withExtra(newEvent));
    assertSameVector(vector(decisions.get(0)), definition.compute(application, expected));
  }

  List<ClientHistoryEvent> withExtra(ClientHistoryEvent extra) {
    // Bureau events come first in the sample's order; the fold's order within a kind is arrival.
    List<ClientHistoryEvent> all = new ArrayList<>(events);
    all.add(extra);
    return all;
  }

  @Test
  void anAnnouncementOfTwoToTheThirtyFirstEventsIsADeadLetterNamingTheFieldNotAHold() {
    publish(events);
    LoanApplication application =
        LoanApplication.newBuilder(applicant.application())
            .setApplicationId("HC-forged-count")
            .setHistoryEvents(Integer.MAX_VALUE)
            .setSubmittedAt(Instant.parse("2026-01-15T09:30:00Z"))
            .build();

    scorer.apply(application);

    assertThat(scorer.readDecisions()).isEmpty();
    List<DeadLetter> letters = scorer.readDeadLetters();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getStage()).isEqualTo("scorer/validate");
    assertThat(letters.get(0).getReason()).contains("history_events");
    assertThat(scorer.driver.getKeyValueStore(ScorerTopology.PENDING_STORE).approximateNumEntries())
        .as("nothing held")
        .isZero();
  }
}
