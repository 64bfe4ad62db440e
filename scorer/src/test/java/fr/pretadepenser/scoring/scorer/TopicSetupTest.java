package fr.pretadepenser.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.schemas.TopicAdmin;
import fr.pretadepenser.scoring.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The scorer's topic check on a real broker: what it creates, and what it refuses to start on. */
class TopicSetupTest {

  @Test
  void createsTheMissingTopicsWithTheInputsPartitionCount() throws Exception {
    String bootstrap = LocalKafkaBroker.shared().bootstrapServers();
    Topics topics = Topics.withPrefix("setup-ok.");
    try (TopicAdmin admin = TopicAdmin.connect(bootstrap, Duration.ofSeconds(30))) {
      admin.create(List.of(new NewTopic(topics.loanApplications().name(), 3, (short) 1)));

      TopicSetup.ensure(bootstrap, topics, 2);

      List<String> names =
          List.of(
              topics.clientHistory().name(),
              topics.loanApplications().name(),
              topics.decisions().name(),
              topics.deadLetters().name());
      assertThat(admin.partitionCounts(names))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(names.get(0), 3, names.get(1), 3, names.get(2), 3, names.get(3), 3));
    }
  }

  @Test
  void createdTopicsCarryTheCatalogueConfigsAndAnExistingShortRetentionIsReported()
      throws Exception {
    String bootstrap = LocalKafkaBroker.shared().bootstrapServers();
    Topics topics = Topics.withPrefix("setup-configs.");
    String history = topics.clientHistory().name();
    try (TopicAdmin admin = TopicAdmin.connect(bootstrap, Duration.ofSeconds(30))) {
      // The broker's default: history deleted after 7 days, which the scorer's fold cannot afford.
      admin.create(List.of(new NewTopic(history, 2, (short) 1)));

      List<TopicAdmin.ConfigMismatch> mismatches = TopicSetup.ensure(admin, topics, 2);

      assertThat(mismatches)
          .extracting(TopicAdmin.ConfigMismatch::message)
          .containsExactly(
              "topic setup-configs.client-history has retention.ms=604800000 where the topic"
                  + " catalogue expects -1 (kafka-configs --alter --entity-type topics"
                  + " --entity-name setup-configs.client-history --add-config retention.ms=-1)");
      Map<String, Map<String, String>> configs =
          admin.configs(List.of(topics.loanApplications().name(), topics.deadLetters().name()));
      assertThat(configs.get(topics.loanApplications().name()))
          .containsAllEntriesOf(topics.loanApplications().configs());
      assertThat(configs.get(topics.deadLetters().name()))
          .containsAllEntriesOf(topics.deadLetters().configs());
    }
  }

  @Test
  void inputsWithDifferentPartitionCountsStopTheStart() throws Exception {
    String bootstrap = LocalKafkaBroker.shared().bootstrapServers();
    Topics topics = Topics.withPrefix("setup-bad.");
    try (TopicAdmin admin = TopicAdmin.connect(bootstrap, Duration.ofSeconds(30))) {
      admin.create(
          List.of(
              new NewTopic(topics.clientHistory().name(), 2, (short) 1),
              new NewTopic(topics.loanApplications().name(), 3, (short) 1)));
    }

    assertThatThrownBy(() -> TopicSetup.ensure(bootstrap, topics, 2))
        .isInstanceOf(ScorerStartException.class)
        .hasMessageStartingWith(
            "setup-bad.client-history has 2 partitions and setup-bad.loan-applications has 3:"
                + " they must have the same count");
  }
}
