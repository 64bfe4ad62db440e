package fr.pretadepenser.scoring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.TopicAdmin;
import fr.pretadepenser.scoring.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/**
 * {@code schemas}' TopicAdmin on a real broker (here because schemas cannot depend on the broker).
 * That created topics take writes at once is {@link LocalKafkaBrokerTest}'s business.
 */
class TopicAdminTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void countsChecksAndCreatesToleratingTopicsThatExistAlready() throws Exception {
    LocalKafkaBroker kafka = LocalKafkaBroker.shared();
    try (TopicAdmin admin = TopicAdmin.connect(kafka.bootstrapServers(), TIMEOUT)) {
      admin.awaitCluster();
      List<String> names = List.of("admin.a", "admin.b", "admin.c");
      assertThat(admin.absent(names)).containsExactlyElementsOf(names);
      assertThat(admin.partitionCounts(names)).isEmpty();

      assertThat(admin.create(List.of(new NewTopic("admin.b", 3, (short) 1))))
          .containsExactly("admin.b");
      assertThat(
              admin.create(
                  List.of(
                      new NewTopic("admin.a", 2, (short) 1),
                      new NewTopic("admin.b", 5, (short) 1))))
          .as("admin.b exists: not an error, not created again")
          .containsExactly("admin.a");

      assertThat(admin.absent(names)).containsExactly("admin.c");
      assertThat(admin.partitionCounts(names))
          .containsExactly(Map.entry("admin.a", 2), Map.entry("admin.b", 3));
      assertThat(admin.names()).contains("admin.a", "admin.b").doesNotContain("admin.c");
    }
  }

  @Test
  void theCatalogueTopicsAreCreatedWithTheirConfigsAndAWrongRetentionIsReported() throws Exception {
    LocalKafkaBroker kafka = LocalKafkaBroker.shared();
    Topics topics = Topics.withPrefix("configs.");
    String decisions = topics.decisions().name();
    String history = topics.clientHistory().name();
    try (TopicAdmin admin = TopicAdmin.connect(kafka.bootstrapServers(), TIMEOUT)) {
      // Created before the catalogue had configs: one a day's retention, one the broker's default.
      admin.create(
          List.of(
              new NewTopic(decisions, 2, (short) 1)
                  .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "86400000")),
              new NewTopic(history, 2, (short) 1)));

      List<String> created = ProjectTopics.create(kafka.bootstrapServers(), topics, 2);

      assertThat(created).hasSize(6).doesNotContain(decisions, history);
      Map<String, Map<String, String>> actual =
          admin.configs(topics.all().stream().map(Topic::name).toList());
      for (Topic<?, ?> t : topics.all()) {
        if (created.contains(t.name())) {
          assertThat(actual.get(t.name()))
              .as(t.name())
              .containsAllEntriesOf(t.configs())
              .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete");
        }
      }
      assertThat(actual.get(topics.loanOutcomes().name()))
          .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "63072000000");
      assertThat(actual.get(topics.deadLetters().name()))
          .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "2592000000")
          .containsEntry(TopicConfig.RETENTION_BYTES_CONFIG, "1073741824");

      List<TopicAdmin.ConfigMismatch> mismatches = admin.configMismatches(topics.all());
      assertThat(mismatches)
          .extracting(m -> m.topic() + " " + m.config() + " " + m.expected() + " " + m.actual())
          .containsExactlyInAnyOrder(
              "configs.client-history retention.ms -1 604800000",
              "configs.loan-decisions retention.ms 63072000000 86400000");
      assertThat(mismatches.get(0).message())
          .contains("retention.ms", "where the topic catalogue expects", "--add-config");
      assertThat(ProjectTopics.warnAboutConfigs(admin, topics)).isEqualTo(mismatches);
    }
  }

  @Test
  void waitingForATopicThatDoesNotExistFailsWithKafkasReason() {
    LocalKafkaBroker kafka = LocalKafkaBroker.shared();
    try (TopicAdmin admin = TopicAdmin.connect(kafka.bootstrapServers(), Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> admin.awaitWritable(List.of("admin.never")))
          .isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class)
          .satisfies(
              e -> {
                if (e instanceof ExecutionException x) {
                  assertThat(x.getCause()).isInstanceOf(UnknownTopicOrPartitionException.class);
                }
              });
    }
  }
}
