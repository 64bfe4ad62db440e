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
