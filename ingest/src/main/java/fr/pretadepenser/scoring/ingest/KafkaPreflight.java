package fr.pretadepenser.scoring.ingest;

import fr.pretadepenser.scoring.schemas.TopicAdmin;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;

/**
 * Checks, before publishing anything, that Kafka answers and the topics exist and take writes, so
 * that a wrong {@code --bootstrap} or a missing topic fails in seconds with a message instead of a
 * producer blocking for a minute per record. The questions to Kafka are {@link TopicAdmin}'s; the
 * messages, for the command line, are this class's.
 */
public final class KafkaPreflight {

  private KafkaPreflight() {}

  /**
   * @throws IngestException naming the address and what is wrong
   */
  public static void check(String bootstrapServers, Collection<String> topics, int timeoutSeconds) {
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    TopicAdmin admin;
    try {
      admin = TopicAdmin.connect(bootstrapServers, timeout);
    } catch (KafkaException e) {
      // Typically "No resolvable bootstrap urls" or "Invalid url": the address itself is wrong.
      throw new IngestException(
          "--bootstrap " + bootstrapServers + " is not a usable Kafka address: " + rootMessage(e),
          e);
    }
    try (admin) {
      List<String> missing;
      try {
        admin.awaitCluster();
        missing = admin.absent(topics);
      } catch (TimeoutException | ExecutionException e) {
        throw new IngestException(
            "cannot reach Kafka at "
                + bootstrapServers
                + " within "
                + timeoutSeconds
                + " s (is a broker running there? e.g. bin/scoring broker --port 9092)",
            e);
      }
      if (!missing.isEmpty()) {
        throw new IngestException(
            "topic(s) "
                + String.join(", ", missing)
                + " do not exist on "
                + bootstrapServers
                + " and are not created on the fly; create the project's topics first"
                + " (bin/scoring broker creates them, with the same --topic-prefix)");
      }
      // Topics created a moment ago (by the scorer, the demo, an operator) may not take writes yet.
      try {
        admin.awaitWritable(topics);
      } catch (TimeoutException | ExecutionException e) {
        throw new IngestException(
            "topic(s) "
                + String.join(", ", topics)
                + " on "
                + bootstrapServers
                + " have no leader taking writes within "
                + timeoutSeconds
                + " s: "
                + rootMessage(e),
            e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IngestException("interrupted while checking Kafka", e);
    }
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
