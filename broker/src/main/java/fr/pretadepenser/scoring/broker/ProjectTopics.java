package fr.pretadepenser.scoring.broker;

import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.TopicReadiness;
import fr.pretadepenser.scoring.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the project's topics (the {@link Topics} catalogue) on any cluster, with auto-creation
 * off as on {@link LocalKafkaBroker}.
 */
public final class ProjectTopics {

  private static final long TIMEOUT_SECONDS = 30;

  private ProjectTopics() {}

  /**
   * Creates every topic of {@code topics} that does not exist yet, each with {@code partitions}
   * partitions and one replica, and waits until they are usable.
   *
   * <p>Every topic gets the same partition count because every topic about a client is keyed by its
   * id: {@code client-history} and {@code loan-applications} must be co-partitioned for the
   * scorer's local join, and decisions keep one client's order downstream. So a topic that exists
   * with another count is an error, not something to ignore.
   *
   * @return the names created (empty when all existed)
   * @throws BrokerException when Kafka is unreachable, refuses, or a topic exists with another
   *     partition count
   */
  public static List<String> create(String bootstrapServers, Topics topics, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
    }
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) (TIMEOUT_SECONDS * 1000),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000))) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      List<String> present = new ArrayList<>();
      for (Topic<?, ?> topic : topics.all()) {
        if (existing.contains(topic.name())) {
          present.add(topic.name());
        } else {
          missing.add(new NewTopic(topic.name(), partitions, (short) 1));
        }
      }
      checkPartitions(admin, present, partitions);
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        // Creation returns once the controller has the topic; wait until its leaders take writes.
        TopicReadiness.awaitWritable(
            admin,
            missing.stream().map(NewTopic::name).toList(),
            Duration.ofSeconds(TIMEOUT_SECONDS));
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new BrokerException(
          "cannot create the topics on " + bootstrapServers + ": " + cause, cause);
    }
  }

  private static void checkPartitions(Admin admin, List<String> names, int partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (names.isEmpty()) {
      return;
    }
    Map<String, Integer> wrong = new TreeMap<>();
    TopicReadiness.describe(admin, names, Duration.ofSeconds(TIMEOUT_SECONDS))
        .forEach(
            (name, d) -> {
              if (d.partitions().size() != partitions) {
                wrong.put(name, d.partitions().size());
              }
            });
    if (!wrong.isEmpty()) {
      throw new BrokerException(
          "topic(s) already exist with another partition count than "
              + partitions
              + ": "
              + wrong
              + "; every client-keyed topic needs the same count (co-partitioning), so delete"
              + " them or ask for that count");
    }
  }
}
