package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link EndToEndTest} against the broker ops run, in a container: the image of
 * docker-compose.yml's {@code kafka} service, the official {@code apache/kafka:4.2.1} unless {@code
 * SCORING_KAFKA_IMAGE} (environment or system property) names another with the same environment
 * contract, such as the local {@code pret-a-depenser/kafka:4.2.1} that {@code ops/build-images.sh
 * kafka} builds where the official one cannot be pulled. CI starts Docker and sets it ({@code
 * .ci/run}), and checks that this class ran; without a Docker engine it is skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class EndToEndOnContainerKafkaTest {

  static final String OFFICIAL_IMAGE = "apache/kafka:4.2.1";

  /** A partition count no client of this test asks for, so only the variable can produce it. */
  private static final int DEFAULT_PARTITIONS = 7;

  @Container
  static final KafkaContainer KAFKA =
      new KafkaContainer(image())
          // The official image's convention: KAFKA_NUM_PARTITIONS becomes num.partitions.
          .withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(DEFAULT_PARTITIONS));

  @TempDir Path tmp;

  /** The image to test, compatible with the official one's contract (KafkaContainer checks it). */
  static DockerImageName image() {
    String name = System.getProperty("SCORING_KAFKA_IMAGE", System.getenv("SCORING_KAFKA_IMAGE"));
    if (name == null || name.isBlank()) {
      return DockerImageName.parse(OFFICIAL_IMAGE);
    }
    return DockerImageName.parse(name).asCompatibleSubstituteFor("apache/kafka");
  }

  @Test
  void everySampleApplicantIsDecidedOnceExactlyAsTheBatchPathScoresIt() throws Exception {
    EndToEndTest.decideTheSampleOn(KAFKA.getBootstrapServers(), tmp);
  }

  /**
   * The image turns KAFKA_* variables into broker properties (docker-compose.yml relies on it): a
   * topic created without a partition count gets the one KAFKA_NUM_PARTITIONS set.
   */
  @Test
  void theImageHonoursTheKafkaEnvironmentContract() throws Exception {
    String topic = "env-contract-" + UUID.randomUUID();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
          .all()
          .get(60, TimeUnit.SECONDS);
      assertThat(described(admin, topic).partitions()).hasSize(DEFAULT_PARTITIONS);
    }
  }

  /**
   * The topic as the broker describes it, once it knows it: the broker answers a creation before
   * every part of it has applied the new metadata, and CI saw the description asked right after
   * fail with {@code UnknownTopicOrPartitionException}.
   */
  private static TopicDescription described(Admin admin, String topic) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        return admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(60, TimeUnit.SECONDS)
            .get(topic);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
