package fr.pretadepenser.scoring.broker;

import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.TopicAdmin;
import fr.pretadepenser.scoring.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the project's topics (the {@link Topics} catalogue) on any cluster, with auto-creation
 * off as on {@link LocalKafkaBroker}: what to create and which existing topics to refuse is decided
 * here, the talking to Kafka is {@link TopicAdmin}'s.
 */
public final class ProjectTopics {

  private static final Logger LOG = LoggerFactory.getLogger(ProjectTopics.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private ProjectTopics() {}

  /**
   * Creates every topic of {@code topics} that does not exist yet, each with {@code partitions}
   * partitions, one replica and its catalogue configs (retention, cleanup policy, message size),
   * and waits until they are usable; an existing topic whose configs differ is logged as a warning
   * (see {@link #warnAboutConfigs}).
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
    return create(bootstrapServers, topics, partitions, 1);
  }

  /**
   * As {@link #create(String, Topics, int)}, each missing topic with {@code replication} replicas
   * (and, above one, {@code min.insync.replicas} as {@link Topic#configsFor} says), for a cluster
   * of several brokers ({@link KafkaClusterLayout#replication()}).
   */
  public static List<String> create(
      String bootstrapServers, Topics topics, int partitions, int replication) {
    if (replication < 1 || replication > Short.MAX_VALUE) {
      throw new IllegalArgumentException("replication must be at least 1, not " + replication);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
    }
    try (TopicAdmin admin = TopicAdmin.connect(bootstrapServers, TIMEOUT, REQUEST_TIMEOUT)) {
      List<String> names = topics.all().stream().map(Topic::name).toList();
      Map<String, Integer> existing = admin.partitionCounts(names);
      checkPartitions(existing, partitions);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> topic : topics.all()) {
        if (!existing.containsKey(topic.name())) {
          missing.add(topic.newTopic(partitions, (short) replication));
        }
      }
      List<String> created = admin.create(missing);
      warnAboutConfigs(admin, topics);
      return created;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new BrokerException(
          "cannot create the topics on " + bootstrapServers + ": " + cause, cause);
    }
  }

  /**
   * Logs a warning per config of an existing topic that differs from the catalogue (a topic created
   * before the catalogue had configs keeps the broker's 7-day retention, for instance). A warning,
   * not a refusal: configs are changed on a live topic without downtime ({@code kafka-configs
   * --alter}, which the message spells out), an operator may have chosen a longer retention on
   * purpose, and refusing to start would stop decisions now over a loss that a short retention
   * causes only days later. A wrong partition count, which breaks the scorer's join at once and
   * cannot be undone on a topic with data, stays an error.
   */
  static List<TopicAdmin.ConfigMismatch> warnAboutConfigs(TopicAdmin admin, Topics topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<TopicAdmin.ConfigMismatch> mismatches = admin.configMismatches(topics.all());
    for (TopicAdmin.ConfigMismatch m : mismatches) {
      LOG.warn(m.message());
    }
    return mismatches;
  }

  private static void checkPartitions(Map<String, Integer> existing, int partitions) {
    Map<String, Integer> wrong = new TreeMap<>();
    existing.forEach(
        (name, count) -> {
          if (count != partitions) {
            wrong.put(name, count);
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
