package fr.pretadepenser.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.homecredit.Applicant;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latest-decision store is bounded (issue 15: it kept every client ever decided in the heap):
 * past its cap the least recently decided client is dropped, the newest stay.
 */
class DecisionStoreBoundTest {

  @TempDir(factory = ShmTempDirs.class)
  Path stateDir;

  @Test
  void pastItsCapTheLeastRecentlyDecidedClientIsDropped() {
    FeatureDefinition definition = SampleData.definition();
    ScorerConfig.Limits limits = ScorerConfig.Limits.DEFAULTS.withDecisionStoreClients(3);
    List<Applicant> applicants = SampleData.applicants(5, a -> true);
    try (ScorerHarness scorer =
        new ScorerHarness(
            stateDir,
            ShareOfKnownFeatures.scorer(definition, ScorerTopologyTest.THRESHOLD),
            ScorerConfig.DEFAULT_HISTORY_CACHE_EVENTS,
            ScorerConfig.DEFAULT_HISTORY_WAIT_MS,
            limits)) {
      for (Applicant a : applicants) {
        scorer.apply(a.application());
      }

      assertThat(scorer.readDecisions()).hasSize(5);
      // The test driver runs one task (one partition), so the cap applies to all five clients.
      assertThat(scorer.decisionStore().get(applicants.get(0).clientId())).isNull();
      assertThat(scorer.decisionStore().get(applicants.get(1).clientId())).isNull();
      for (Applicant kept : applicants.subList(2, 5)) {
        assertThat(scorer.decisionStore().get(kept.clientId()).getApplicationId())
            .isEqualTo(kept.application().getApplicationId());
      }
    }
  }

  @Test
  void aCapBelowOneClientIsRefused() {
    assertThatThrownBy(() -> ScorerConfig.Limits.DEFAULTS.withDecisionStoreClients(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 client");
  }
}
