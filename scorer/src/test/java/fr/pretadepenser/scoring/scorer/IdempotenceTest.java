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
import fr.pretadepenser.scoring.schemas.DecisionIds;
import fr.pretadepenser.scoring.schemas.HistorySources;
import java.nio.file.Path;
import java.time.Duration;
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

  // ---- the announcement per source, the decision's identity, the bounds (new API) ----

  LoanApplication announcingPerSource(String id) {
    return LoanApplication.newBuilder(applicant.application())
        .setApplicationId(id)
        .setHistoryAnnounced(HistorySources.counts(applicant.history()))
        .build();
  }

  List<ClientHistoryEvent> of(String source) {
    return events.stream()
        .filter(e -> HistorySources.NAMES.get(HistorySources.indexOf(e.getEvent())).equals(source))
        .toList();
  }

  List<ClientHistoryEvent> allBut(String source) {
    return events.stream()
        .filter(e -> !HistorySources.NAMES.get(HistorySources.indexOf(e.getEvent())).equals(source))
        .toList();
  }

  @Test
  void aPerSourceAnnouncementWaitsForTheShortSourceWhateverElseIsReSent() {
    publish(allBut(HistorySources.CREDIT_CARD_BALANCE));
    LoanApplication application = announcingPerSource("HC-per-source");
    scorer.apply(application);
    // More than the announced total arrives, all of it re-sent: the card months are still short.
    publish(allBut(HistorySources.CREDIT_CARD_BALANCE));
    assertThat(scorer.readDecisions()).as("credit card months not yet folded").isEmpty();

    publish(of(HistorySources.CREDIT_CARD_BALANCE));

    List<Decision> decisions = scorer.readDecisions();
    assertThat(decisions).hasSize(1);
    Decision d = decisions.get(0);
    assertSameVector(vector(d), definition.compute(application, applicant.history()));
    assertThat(d.getHistoryMissing()).isEmpty();
    assertThat(d.getHistoryEvents()).isEqualTo(events.size());
    assertThat(d.getHistoryExpected()).isEqualTo(events.size());
    assertThat(d.getDecisionId())
        .isEqualTo(DecisionIds.of(applicant.clientId(), "HC-per-source"))
        .isEqualTo(java.util.UUID.fromString(d.getDecisionId()).toString());
    assertThat(scorer.decisionStore().get(applicant.clientId()).getDecisionId())
        .isEqualTo(d.getDecisionId());
    assertThat(scorer.scorerTotal("duplicate-history-events"))
        .isEqualTo(events.size() - of(HistorySources.CREDIT_CARD_BALANCE).size());
  }

  @Test
  void aDecisionAfterTheWaitLimitNamesTheSourcesStillShort() {
    publish(allBut(HistorySources.CREDIT_CARD_BALANCE));
    scorer.apply(announcingPerSource("HC-lost-cards"));

    scorer.driver.advanceWallClockTime(Duration.ofMillis(WAIT_MS + 1_000));

    List<Decision> decisions = scorer.readDecisions();
    assertThat(decisions).hasSize(1);
    assertThat(decisions.get(0).getHistoryMissing())
        .containsExactly(HistorySources.CREDIT_CARD_BALANCE);
    assertThat(scorer.scorerTotal("history-waits-cut-short")).isEqualTo(1.0);
  }

  @Test
  void anAnnouncementOfAnUnknownSourceOrBeyondTheBoundIsADeadLetterNamingTheField() {
    java.util.Map<String, Integer> forged = new java.util.HashMap<>();
    forged.put(HistorySources.BUREAU, Integer.MAX_VALUE);
    forged.put("bureau_balance", 3);
    scorer.apply(
        LoanApplication.newBuilder(applicant.application())
            .setApplicationId("HC-forged-map")
            .setHistoryAnnounced(forged)
            .build());

    assertThat(scorer.readDecisions()).isEmpty();
    List<DeadLetter> letters = scorer.readDeadLetters();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getReason())
        .contains("history_announced[bureau]: 2147483647 is outside 0..100000")
        .contains("history_announced: 'bureau_balance' is not a history source");
  }

  @Test
  void whenAClientsWaitingRoomIsFullItsWaitingApplicationsAreDecidedAtOnceNamingWhatIsMissing() {
    scorer.close();
    scorer =
        new ScorerHarness(
            stateDir.resolve("bounded"),
            ShareOfKnownFeatures.scorer(definition, ScorerTopologyTest.THRESHOLD),
            ScorerConfig.DEFAULT_HISTORY_CACHE_EVENTS,
            WAIT_MS,
            new ScorerConfig.Limits(3_600_000, 100_000, 2, 10_000));
    scorer.apply(announcingPerSource("HC-1"));
    scorer.apply(announcingPerSource("HC-2"));
    assertThat(scorer.readDecisions()).isEmpty();

    scorer.apply(announcingPerSource("HC-3"));

    List<Decision> decisions = scorer.readDecisions();
    assertThat(decisions).extracting(Decision::getApplicationId).containsExactly("HC-1", "HC-2");
    assertThat(decisions.get(0).getHistoryMissing())
        .containsExactlyElementsOf(HistorySources.NAMES);
    publish(events);
    assertThat(scorer.readDecisions())
        .as("HC-3 waited, in the room the first two left")
        .singleElement()
        .satisfies(d -> assertThat(d.getHistoryMissing()).isEmpty());
  }

  @Test
  void anApplicationIdIsForgottenAfterTheRetentionAndRememberedBefore() {
    scorer.close();
    scorer =
        new ScorerHarness(
            stateDir.resolve("retention"),
            ShareOfKnownFeatures.scorer(definition, ScorerTopologyTest.THRESHOLD),
            ScorerConfig.DEFAULT_HISTORY_CACHE_EVENTS,
            WAIT_MS,
            new ScorerConfig.Limits(3_600_000, 100_000, 16, 10_000));
    publish(events);
    scorer.apply(applicant.application());
    scorer.driver.advanceWallClockTime(Duration.ofMinutes(50));
    scorer.apply(applicant.application());
    assertThat(scorer.readDecisions()).as("within the hour: once").hasSize(1);
    assertThat(scorer.scorerTotal("duplicate-applications")).isEqualTo(1.0);

    scorer.driver.advanceWallClockTime(Duration.ofMinutes(70));

    assertThat(
            scorer
                .driver
                .getKeyValueStore(ScorerTopology.APPLICATION_IDS_STORE)
                .approximateNumEntries())
        .as("purged")
        .isZero();
    scorer.apply(applicant.application());
    assertThat(scorer.readDecisions()).as("a new request after the retention").hasSize(1);
  }

  @Test
  void anEventWithoutIdIsKnownByItsBytesSoAByteIdenticalReSendIsFoldedOnce() {
    ClientHistoryEvent anonymous =
        ClientHistoryEvent.newBuilder(events.get(0)).setEventId("").build();
    byte[] bytes =
        scorer
            .topics
            .clientHistory()
            .valueSerde()
            .serializer()
            .serialize(scorer.topics.clientHistory().name(), anonymous);
    scorer.rawHistory.pipeInput(ScorerHarness.key(applicant.clientId()), bytes);
    scorer.rawHistory.pipeInput(ScorerHarness.key(applicant.clientId()), bytes.clone());
    // The same fact recorded at another time is another recording: folded.
    scorer.history.pipeInput(
        applicant.clientId(),
        ClientHistoryEvent.newBuilder(anonymous)
            .setRecordedAt(anonymous.getRecordedAt().plusSeconds(1))
            .build());

    assertThat(scorer.storedHistory(applicant.clientId()).getBureau()).hasSize(2);
    assertThat(scorer.readDeadLetters()).isEmpty();
  }

  @Test
  void anOverlongEventIdIsADeadLetter() {
    scorer.history.pipeInput(
        applicant.clientId(),
        ClientHistoryEvent.newBuilder(events.get(0)).setEventId("x".repeat(300)).build());

    assertThat(scorer.readDeadLetters())
        .singleElement()
        .satisfies(l -> assertThat(l.getReason()).startsWith("event_id is 300 characters long"));
  }
}
