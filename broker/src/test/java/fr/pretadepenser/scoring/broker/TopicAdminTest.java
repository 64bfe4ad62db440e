package fr.pretadepenser.scoring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.schemas.TopicAdmin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.NewTopic;
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
