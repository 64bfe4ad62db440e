package fr.pretadepenser.scoring.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.events.Decision;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void standardNamesAreTheDesignedOnes() {
    Topics topics = Topics.standard();
    assertThat(topics.all())
        .extracting(Topic::name)
        .containsExactly(
            "client-history",
            "loan-applications",
            "loan-decisions",
            "loan-decisions-explained",
            "scoring-dlq",
            "loan-outcomes",
            "model-monitoring",
            "model-alerts");
    assertThat(topics.clientHistory().name()).isEqualTo(Topics.CLIENT_HISTORY);
    assertThat(topics.loanApplications().name()).isEqualTo(Topics.LOAN_APPLICATIONS);
    assertThat(topics.decisions().name()).isEqualTo(Topics.LOAN_DECISIONS);
    assertThat(topics.explainedDecisions().name()).isEqualTo(Topics.LOAN_DECISIONS_EXPLAINED);
    assertThat(topics.deadLetters().name()).isEqualTo(Topics.SCORING_DLQ);
    assertThat(topics.loanOutcomes().name()).isEqualTo(Topics.LOAN_OUTCOMES);
    assertThat(topics.monitoring().name()).isEqualTo(Topics.MODEL_MONITORING);
    assertThat(topics.alerts().name()).isEqualTo(Topics.MODEL_ALERTS);
  }

  @Test
  void aPrefixGoesBeforeEveryName() {
    assertThat(Topics.withPrefix("it-7.").all())
        .extracting(Topic::name)
        .containsExactly(
            "it-7.client-history",
            "it-7.loan-applications",
            "it-7.loan-decisions",
            "it-7.loan-decisions-explained",
            "it-7.scoring-dlq",
            "it-7.loan-outcomes",
            "it-7.model-monitoring",
            "it-7.model-alerts");
  }

  @Test
  void everyTopicIsDeletedByTimeNeverCompactedAndHistoryIsKeptForever() {
    Topics topics = Topics.withPrefix("p.");
    for (Topic<?, ?> t : topics.all()) {
      assertThat(t.configs())
          .as(t.name())
          .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
          .containsEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588")
          .containsKeys(TopicConfig.RETENTION_MS_CONFIG, TopicConfig.RETENTION_BYTES_CONFIG);
    }
    assertThat(topics.clientHistory().configs())
        .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
    // Two years for everything an outcome is joined with (730 days in milliseconds).
    for (Topic<?, ?> t :
        List.of(
            topics.loanApplications(),
            topics.decisions(),
            topics.explainedDecisions(),
            topics.loanOutcomes())) {
      assertThat(t.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "63072000000");
    }
    assertThat(topics.deadLetters().configs())
        .containsEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(30L * 86_400_000))
        .containsEntry(TopicConfig.RETENTION_BYTES_CONFIG, String.valueOf(1L << 30));
    assertThatThrownBy(() -> topics.decisions().configs().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aTopicOfSeveralReplicasAlsoRequiresTwoInSyncReplicas() {
    Topic<?, ?> t = Topics.standard().decisions();
    assertThat(t.newTopic(4, (short) 1).configs()).isEqualTo(t.configs());
    assertThat(t.newTopic(4, (short) 3).configs())
        .containsAllEntriesOf(t.configs())
        .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
    assertThat(t.configsFor(2)).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
    assertThat(t.newTopic(4).replicationFactor()).isEqualTo((short) -1);
    assertThat(t.newTopic(4).configs()).isEqualTo(t.configs());
  }

  @Test
  void aPrefixKafkaWouldRejectIsRefused() {
    assertThatThrownBy(() -> Topics.withPrefix("tenant a/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'tenant a/'")
        .hasMessageContaining("letters, digits, '.', '_' and '-'");
  }

  @Test
  void clientTopicsShareTheLongKeySerdeSoTheyAreCoPartitioned() {
    Topics topics = Topics.standard();
    byte[] historyKey = topics.clientHistory().keySerde().serializer().serialize("x", 100002L);
    byte[] applicationKey =
        topics.loanApplications().keySerde().serializer().serialize("y", 100002L);
    assertThat(historyKey).isEqualTo(applicationKey).hasSize(8);
  }

  @Test
  void valueSerdesMatchTheirTopics() {
    Topics topics = Topics.standard();
    Decision decision = SampleRecords.full(Decision.class);
    var serde = topics.decisions().valueSerde();
    byte[] bytes = serde.serializer().serialize(topics.decisions().name(), decision);
    assertThat(serde.deserializer().deserialize(topics.decisions().name(), bytes))
        .isEqualTo(decision);
    assertThat(((AvroSerde<?>) topics.explainedDecisions().valueSerde()).type().getSimpleName())
        .isEqualTo("ExplainedDecision");
    assertThat(((AvroSerde<?>) topics.clientHistory().valueSerde()).type().getSimpleName())
        .isEqualTo("ClientHistoryEvent");
    assertThat(((AvroSerde<?>) topics.deadLetters().valueSerde()).type().getSimpleName())
        .isEqualTo("DeadLetter");
    assertThat(((AvroSerde<?>) topics.loanApplications().valueSerde()).type().getSimpleName())
        .isEqualTo("LoanApplication");
  }
}
