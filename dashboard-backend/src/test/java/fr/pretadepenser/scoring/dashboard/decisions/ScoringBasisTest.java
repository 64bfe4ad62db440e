package fr.pretadepenser.scoring.dashboard.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.HistoryPresenceStatus;
import fr.pretadepenser.scoring.events.HistorySourcePresence;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 on the dashboard: the decision's history presence and the model that decided reach the
 * live list and the client file under the contract's names, and an older decision shows none.
 */
class ScoringBasisTest {

  @Test
  void aThinFileDecisionSaysSoInTheSummaryJson() throws Exception {
    Decision d =
        Decision.newBuilder(DashboardViewTest.decision(7, "a7", true))
            .setHistoryPresence(
                List.of(
                    new HistorySourcePresence("bureau", HistoryPresenceStatus.NOT_RECEIVED, 0, 3),
                    new HistorySourcePresence(
                        "previous_application", HistoryPresenceStatus.REPORTED_NONE, 0, 0)))
            .setScoringModel("thin_file")
            .setScoringModelReason("HISTORY_NOT_RECEIVED")
            .build();
    DecisionRecord r = DecisionRecord.of(d, 0, 0);
    assertThat(r.scoringModel()).isEqualTo("thin_file");

    JsonNode json =
        new ObjectMapper().registerModule(new JavaTimeModule()).valueToTree(r.summary());
    assertThat(json.path("scoring_model").asText()).isEqualTo("thin_file");
    assertThat(json.path("scoring_model_reason").asText()).isEqualTo("HISTORY_NOT_RECEIVED");
    assertThat(json.path("history_presence")).hasSize(2);
    assertThat(json.path("history_presence").get(0).path("status").asText())
        .isEqualTo("NOT_RECEIVED");
    assertThat(json.path("history_presence").get(0).path("announced").asInt()).isEqualTo(3);
    assertThat(json.path("history_presence").get(1).path("status").asText())
        .isEqualTo("REPORTED_NONE");
  }

  @Test
  void anOlderDecisionHasNoPresenceAndNoModelName() {
    DecisionRecord r = DecisionRecord.of(DashboardViewTest.decision(8, "a8", true), 0, 0);
    assertThat(r.basis()).isEqualTo(ScoringBasis.UNRECORDED);
    assertThat(r.summary().historyPresence()).isEmpty();
    assertThat(r.summary().scoringModel()).isEmpty();
  }
}
