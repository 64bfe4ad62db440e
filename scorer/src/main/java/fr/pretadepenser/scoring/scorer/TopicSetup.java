package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.TopicAdmin;
import fr.pretadepenser.scoring.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the scorer's topics before it starts, and creates those missing with their catalogue
 * configs (through {@link TopicAdmin}, which also waits until they take writes); an existing topic
 * whose configs differ from the catalogue's (retention, cleanup policy) is logged as a warning.
 *
 * <p>The check that matters: {@code client-history} and {@code loan-applications} must have the
 * same partition count. Kafka Streams joins them through a shared store without checking that (it
 * only enforces co-partitioning for DSL joins), and with different counts a client's applications
 * would be scored on a task that does not hold the client's history, silently.
 */
final class TopicSetup {

  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private TopicSetup() {}

  /**
   * @param partitions partition count of topics created when neither input topic exists yet
   * @throws ScorerStartException when the input topics are not co-partitioned or Kafka cannot be
   *     reached
   */
  static void ensure(String bootstrapServers, Topics topics, int partitions) {
    try (TopicAdmin admin = TopicAdmin.connect(bootstrapServers, TIMEOUT)) {
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

  /**
   * @return the configs of existing topics that differ from the catalogue's (logged as warnings)
   */
  static List<TopicAdmin.ConfigMismatch> ensure(TopicAdmin admin, Topics topics, int partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    String history = topics.clientHistory().name();
    String applications = topics.loanApplications().name();
    List<String> names =
        List.of(history, applications, topics.decisions().name(), topics.deadLetters().name());
    Map<String, Integer> existing = admin.partitionCounts(names);
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
    List<Topic<?, ?>> mine =
        List.of(
            topics.clientHistory(),
            topics.loanApplications(),
            topics.decisions(),
            topics.deadLetters());
    List<NewTopic> missing = new ArrayList<>();
    for (Topic<?, ?> topic : mine) {
      if (!existing.containsKey(topic.name())) {
        // The broker's default replication: the scorer runs on whatever cluster it is given.
        missing.add(topic.newTopic(count));
      }
    }
    // Another instance, or the ingest, may create one meanwhile: fine, TopicAdmin allows it.
    for (String name : admin.create(missing)) {
      LOG.info("created topic {} with {} partitions", name, count);
    }
    // A warning, not a refusal (the broker's ProjectTopics says why): a config is fixed on the live
    // topic, and a short retention loses data over days, not at this start.
    List<TopicAdmin.ConfigMismatch> mismatches = admin.configMismatches(mine);
    for (TopicAdmin.ConfigMismatch m : mismatches) {
      LOG.warn(m.message());
    }
    return mismatches;
  }
}
