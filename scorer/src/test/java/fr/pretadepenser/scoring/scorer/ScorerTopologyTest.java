package fr.pretadepenser.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.model.DecisionRule;
import fr.pretadepenser.scoring.schemas.ClientHistories;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scorer's topology on real sample applicants: decisions, history order, latest decision. */
class ScorerTopologyTest {

  static final double THRESHOLD = 0.75;

  @TempDir(factory = ShmTempDirs.class)
  Path stateDir;

  FeatureDefinition definition;
  ScorerHarness scorer;

  /** Decoded history events kept per task; a subclass runs every test with a tiny cache. */
  long historyCacheEvents() {
    return ScorerConfig.DEFAULT_HISTORY_CACHE_EVENTS;
  }

  @BeforeEach
  void start() {
    definition = SampleData.definition();
    scorer =
        new ScorerHarness(
            stateDir, ShareOfKnownFeatures.scorer(definition, THRESHOLD), historyCacheEvents());
  }

  @AfterEach
  void stop() {
    scorer.close();
  }

  static float[] vector(Decision d) {
    float[] out = new float[d.getFeatures().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = d.getFeatures().get(i);
    }
    return out;
  }

  /** Bit for bit, NaN included (Arrays.equals on float[] compares floatToIntBits). */
  static void assertSameVector(float[] actual, float[] expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(Float.floatToRawIntBits(actual[i]))
          .as("feature %d", i)
          .isEqualTo(Float.floatToRawIntBits(expected[i]));
    }
  }

  @Test
  void decidesAnApplicationWithTheFeaturesOfItsStoredHistory() {
    Applicant applicant = SampleData.withFullHistory();
    scorer.publishHistory(applicant.history());
    long before = System.currentTimeMillis();
    scorer.apply(applicant.application());
    long after = System.currentTimeMillis();

    var records = scorer.decisions.readRecordsToList();
    assertThat(records).hasSize(1);
    assertThat(records.get(0).key()).isEqualTo(applicant.clientId());
    Decision d = records.get(0).value();
    float[] expected = definition.compute(applicant.application(), applicant.history());
    assertSameVector(vector(d), expected);
    assertThat(d.getApplicationId()).isEqualTo(applicant.application().getApplicationId());
    assertThat(d.getSKIDCURR()).isEqualTo(applicant.clientId());
    assertThat(d.getProbability()).isEqualTo(ShareOfKnownFeatures.share(expected));
    assertThat(d.getThreshold()).isEqualTo(THRESHOLD);
    assertThat(d.getModelVersion()).isEqualTo(ShareOfKnownFeatures.VERSION);
    assertThat(d.getDecision())
        .isEqualTo(
            DecisionRule.refuses(d.getProbability(), THRESHOLD)
                ? DecisionOutcome.REFUSED
                : DecisionOutcome.GRANTED);
    assertThat(d.getReceivedAt().toEpochMilli()).isBetween(before, after);
    assertThat(d.getDecidedAt()).isAfterOrEqualTo(d.getReceivedAt());
    assertThat(d.getDecidedAt().toEpochMilli()).isLessThanOrEqualTo(after);
    assertThat(d.getFeatureMicros()).isNotNegative();
    assertThat(d.getInferenceMicros()).isNotNegative();
    assertThat(scorer.readDeadLetters()).isEmpty();
    assertThat(scorer.decisionStore().get(applicant.clientId()))
        .isEqualTo(ScorerProcessor.forLookup(d));
    assertThat(scorer.decisionStore().get(applicant.clientId()).getFeatures()).isEmpty();
  }

  @Test
  void storedHistoryReadsBackAsTheBatchHistoryInTheSameOrder() {
    Applicant applicant = SampleData.withFullHistory();
    scorer.publishHistory(applicant.history());

    assertThat(scorer.storedHistory(applicant.clientId())).isEqualTo(applicant.history());
    assertThat(scorer.historyStore().approximateNumEntries())
        .isEqualTo(SampleData.eventCount(applicant.history()));
  }

  @Test
  void historyAfterAnApplicationIsUsedByTheNextApplicationOnly() {
    Applicant applicant = SampleData.withFullHistory();
    LoanApplication first = applicant.application();
    scorer.apply(first);
    scorer.publishHistory(applicant.history());
    LoanApplication second = LoanApplication.newBuilder(first).setApplicationId("HC-2nd").build();
    scorer.apply(second);

    List<Decision> decisions = scorer.readDecisions();
    assertThat(decisions).hasSize(2);
    ClientHistory none = ClientHistories.empty(applicant.clientId());
    assertSameVector(vector(decisions.get(0)), definition.compute(first, none));
    assertSameVector(vector(decisions.get(1)), definition.compute(second, applicant.history()));
    assertThat(decisions.get(1).getProbability()).isGreaterThan(decisions.get(0).getProbability());
    assertThat(scorer.decisionStore().get(applicant.clientId()).getApplicationId())
        .isEqualTo("HC-2nd");
  }

  @Test
  void interleavedClientsEachGetTheirOwnHistory() {
    List<Applicant> applicants = SampleData.applicants(6, a -> true);
    // Round-robin over clients, as the events of several clients interleave on one partition.
    Map<Long, List<fr.pretadepenser.scoring.events.ClientHistoryEvent>> pending = new HashMap<>();
    applicants.forEach(a -> pending.put(a.clientId(), SampleData.events(a.history())));
    boolean more = true;
    for (int i = 0; more; i++) {
      more = false;
      for (Applicant a : applicants) {
        var events = pending.get(a.clientId());
        if (i < events.size()) {
          scorer.history.pipeInput(a.clientId(), events.get(i));
          more = true;
        }
      }
    }
    applicants.forEach(a -> scorer.apply(a.application()));

    List<Decision> decisions = scorer.readDecisions();
    assertThat(decisions).hasSize(applicants.size());
    for (int i = 0; i < applicants.size(); i++) {
      Applicant a = applicants.get(i);
      assertThat(decisions.get(i).getSKIDCURR()).isEqualTo(a.clientId());
      assertSameVector(vector(decisions.get(i)), definition.compute(a.application(), a.history()));
      assertThat(scorer.storedHistory(a.clientId())).isEqualTo(a.history());
    }
    assertThat(decisions).extracting(Decision::getDecision).contains(DecisionOutcome.GRANTED);
    assertThat(scorer.readDeadLetters()).isEmpty();
  }

  @Test
  void anApplicantWithoutHistoryIsDecidedOnTheApplicationAlone() {
    Applicant applicant =
        SampleData.applicants(1, a -> SampleData.eventCount(a.history()) == 0).get(0);
    scorer.apply(applicant.application());

    Decision d = scorer.readDecisions().get(0);
    assertSameVector(vector(d), definition.compute(applicant.application(), null));
  }

  @Test
  void theLatestDecisionStoreKeepsEachClientsLastDecision() {
    List<Applicant> applicants = SampleData.applicants(2, a -> true);
    Applicant a = applicants.get(0);
    Applicant b = applicants.get(1);
    scorer.apply(a.application());
    scorer.apply(b.application());
    scorer.apply(LoanApplication.newBuilder(a.application()).setApplicationId("again").build());

    assertThat(scorer.decisionStore().get(a.clientId()).getApplicationId()).isEqualTo("again");
    assertThat(scorer.decisionStore().get(b.clientId()).getApplicationId())
        .isEqualTo(b.application().getApplicationId());
    assertThat(scorer.decisionStore().get(-1L)).isNull();
  }
}
