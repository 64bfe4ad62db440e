package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.schemas.TopicReadiness;
import fr.pretadepenser.scoring.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the scorer's topics before it starts, and creates those missing.
 *
 * <p>The check that matters: {@code client-history} and {@code loan-applications} must have the
 * same partition count. Kafka Streams joins them through a shared store without checking that (it
 * only enforces co-partitioning for DSL joins), and with different counts a client's applications
 * would be scored on a task that does not hold the client's history, silently.
 */
final class TopicSetup {

  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
  private static final long TIMEOUT_SECONDS = 30;

  private TopicSetup() {}

  /**
   * @param partitions partition count of topics created when neither input topic exists yet
   * @throws ScorerStartException when the input topics are not co-partitioned or Kafka cannot be
   *     reached
   */
  static void ensure(String bootstrapServers, Topics topics, int partitions) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) (TIMEOUT_SECONDS * 1000));
    try (Admin admin = Admin.create(config)) {
      ensure(admin, topics, partitions);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScorerStartException("interrupted while checking the topics", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new ScorerStartException(
          "cannot check the topics on Kafka at " + bootstrapServers + ": " + cause, cause);
    }
  }

  static void ensure(Admin admin, Topics topics, int partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    String history = topics.clientHistory().name();
    String applications = topics.loanApplications().name();
    List<String> names =
        List.of(history, applications, topics.decisions().name(), topics.deadLetters().name());
    Map<String, Integer> existing = new LinkedHashMap<>();
    for (String name : names) {
      describe(admin, name).ifPresent(d -> existing.put(name, d.partitions().size()));
    }
    Integer h = existing.get(history);
    Integer a = existing.get(applications);
    if (h != null && a != null && !h.equals(a)) {
      throw new ScorerStartException(
          history
              + " has "
              + h
              + " partitions and "
              + applications
              + " has "
              + a
              + ": they must have the same count, so that a client's history and applications"
              + " are on the same partition number; add partitions to the smaller one (before"
              + " any data, or re-publish the history) and start again");
    }
    int count = h != null ? h : a != null ? a : partitions;
    List<NewTopic> missing = new ArrayList<>();
    for (String name : names) {
      if (!existing.containsKey(name)) {
        missing.add(new NewTopic(name, Optional.of(count), Optional.empty()));
      }
    }
    for (NewTopic topic : missing) {
      try {
        admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LOG.info("created topic {} with {} partitions", topic.name(), count);
      } catch (ExecutionException e) {
        // Another instance, or the ingest, created it meanwhile: fine.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    if (!missing.isEmpty()) {
      TopicReadiness.awaitWritable(
          admin,
          missing.stream().map(NewTopic::name).toList(),
          Duration.ofSeconds(TIMEOUT_SECONDS));
    }
  }

  private static Optional<TopicDescription> describe(Admin admin, String name)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return Optional.of(
          admin
              .describeTopics(List.of(name))
              .allTopicNames()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .get(name));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
