package fr.pretadepenser.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.HistoryPresenceStatus;
import fr.pretadepenser.scoring.events.HistorySourcePresence;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.features.FeatureFamily;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelMetadata;
import fr.pretadepenser.scoring.schemas.HistorySources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21 in the scorer: every decision says what each history source had said and which model
 * decided and why; with no record held, the thin-file model decides (its own probability and
 * threshold, the history features handed to it as missing), "reported none" kept apart from "not
 * received".
 */
class ThinFileDecisionTest {

  static final long WAIT_MS = 30_000;
  static final double THIN_PROBABILITY = 0.123;
  static final double THIN_THRESHOLD = 0.2;

  @TempDir(factory = ShmTempDirs.class)
  Path stateDir;

  FeatureDefinition definition;
  ScorerHarness scorer;
  Applicant applicant;

  @BeforeEach
  void start() {
    definition = SampleData.definition();
    ApplicationScorer full = ShareOfKnownFeatures.scorer(definition, ScorerTopologyTest.THRESHOLD);
    ApplicationScorer thin =
        ApplicationScorer.thinFile(
            definition,
            new ModelMetadata(
                ShareOfKnownFeatures.VERSION + "-thin",
                THIN_THRESHOLD,
                definition.names(),
                Map.of("kind", "test double")),
            v -> THIN_PROBABILITY);
    scorer =
        new ScorerHarness(
            stateDir, full.withThinFile(thin), ScorerConfig.DEFAULT_HISTORY_CACHE_EVENTS, WAIT_MS);
    applicant = SampleData.withFullHistory();
  }

  @AfterEach
  void stop() {
    scorer.close();
  }

  private LoanApplication announcing(long clientId, String id, Map<String, Integer> announced) {
    return LoanApplication.newBuilder(applicant.application())
        .setSKIDCURR(clientId)
        .setApplicationId(id)
        .setHistoryAnnounced(announced)
        .build();
  }

  private static Map<String, Integer> zeros() {
    Map<String, Integer> m = new HashMap<>();
    HistorySources.NAMES.forEach(n -> m.put(n, 0));
    return m;
  }

  private static List<HistoryPresenceStatus> statuses(Decision d) {
    return d.getHistoryPresence().stream().map(HistorySourcePresence::getStatus).toList();
  }

  @Test
  void aClientWithHistoryIsDecidedByTheFullModelAndEachSourceSaysWhatItReported() {
    scorer.publishHistory(applicant.history());
    Map<String, Integer> counts = HistorySources.counts(applicant.history());
    scorer.apply(announcing(applicant.clientId(), "HC-full", counts));

    Decision d = scorer.readDecisions().get(0);
    assertThat(d.getScoringModel()).isEqualTo("full");
    assertThat(d.getScoringModelReason()).isEqualTo("HISTORY_PRESENT");
    assertThat(d.getThreshold()).isEqualTo(ScorerTopologyTest.THRESHOLD);
    assertThat(d.getHistoryPresence()).hasSize(5);
    for (HistorySourcePresence p : d.getHistoryPresence()) {
      int n = counts.get(p.getSource());
      assertThat(p.getRecords()).as(p.getSource()).isEqualTo(n);
      assertThat(p.getAnnounced()).isEqualTo(n);
      assertThat(p.getStatus())
          .isEqualTo(n > 0 ? HistoryPresenceStatus.REPORTED : HistoryPresenceStatus.REPORTED_NONE);
    }
  }

  @Test
  void aClientWhoseSourcesAllReportedNoneIsDecidedByTheThinFileModelAndSaysSo() {
    long client = 990_000_001L;
    scorer.apply(announcing(client, "HC-thin", zeros()));

    List<Decision> decisions = scorer.readDecisions();
    assertThat(decisions).hasSize(1);
    Decision d = decisions.get(0);
    assertThat(d.getScoringModel()).isEqualTo("thin_file");
    assertThat(d.getScoringModelReason()).isEqualTo("NO_HISTORY_REPORTED");
    assertThat(statuses(d)).containsOnly(HistoryPresenceStatus.REPORTED_NONE).hasSize(5);
    assertThat(d.getProbability()).isEqualTo(THIN_PROBABILITY);
    assertThat(d.getThreshold()).isEqualTo(THIN_THRESHOLD);
    // The bundle's version: the explainer finds the thin-file model by scoring_model.
    assertThat(d.getModelVersion()).isEqualTo(ShareOfKnownFeatures.VERSION);
    for (int i = 0; i < definition.size(); i++) {
      if (definition.features().get(i).family() != FeatureFamily.APPLICATION) {
        assertThat(d.getFeatures().get(i)).as(definition.names().get(i)).isNaN();
      }
    }
  }

  @Test
  void historyAnnouncedThatNeverArrivesIsNotReceivedNotNone() {
    long client = 990_000_002L;
    Map<String, Integer> announced = zeros();
    announced.put(HistorySources.BUREAU, 4);
    scorer.apply(announcing(client, "HC-awaited", announced));
    assertThat(scorer.readDecisions()).as("waiting for the bureau").isEmpty();

    scorer.driver.advanceWallClockTime(Duration.ofMillis(WAIT_MS + 1_000));

    Decision d = scorer.readDecisions().get(0);
    assertThat(d.getScoringModel()).isEqualTo("thin_file");
    assertThat(d.getScoringModelReason()).isEqualTo("HISTORY_NOT_RECEIVED");
    assertThat(statuses(d))
        .containsExactly(
            HistoryPresenceStatus.NOT_RECEIVED,
            HistoryPresenceStatus.REPORTED_NONE,
            HistoryPresenceStatus.REPORTED_NONE,
            HistoryPresenceStatus.REPORTED_NONE,
            HistoryPresenceStatus.REPORTED_NONE);
    assertThat(d.getHistoryPresence().get(0).getAnnounced()).isEqualTo(4);
    assertThat(d.getHistoryPresence().get(0).getRecords()).isZero();
    assertThat(d.getHistoryMissing()).containsExactly(HistorySources.BUREAU);
  }
}
