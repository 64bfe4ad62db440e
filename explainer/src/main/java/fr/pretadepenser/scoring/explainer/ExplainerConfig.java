package fr.pretadepenser.scoring.explainer;

import fr.pretadepenser.scoring.schemas.Topics;
import java.util.Objects;

/**
 * How the streaming explainer connects: the broker, the topics, its consumer group, its
 * transactional id prefix and how many consumer threads it runs.
 *
 * @param transactionIdPrefix must be stable across restarts of one instance (a restarted instance
 *     then fences its predecessor's open transaction at once instead of waiting for it to time out)
 *     and distinct between instances running side by side
 */
public record ExplainerConfig(
    String bootstrap, Topics topics, String groupId, String transactionIdPrefix, int concurrency) {

  public static final String DEFAULT_GROUP_ID = "scoring-explainer";
  public static final String DEFAULT_TRANSACTION_ID_PREFIX = "scoring-explainer-";

  public ExplainerConfig {
    Objects.requireNonNull(bootstrap, "bootstrap");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(transactionIdPrefix, "transactionIdPrefix");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
    }
  }

  public static ExplainerConfig defaults(String bootstrap) {
    return new ExplainerConfig(
        bootstrap,
        Topics.standard(),
        DEFAULT_GROUP_ID,
        DEFAULT_TRANSACTION_ID_PREFIX,
        Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  public ExplainerConfig withTopics(Topics topics) {
    return new ExplainerConfig(bootstrap, topics, groupId, transactionIdPrefix, concurrency);
  }

  public ExplainerConfig withGroupId(String groupId) {
    return new ExplainerConfig(bootstrap, topics, groupId, transactionIdPrefix, concurrency);
  }

  public ExplainerConfig withTransactionIdPrefix(String prefix) {
    return new ExplainerConfig(bootstrap, topics, groupId, prefix, concurrency);
  }

  public ExplainerConfig withConcurrency(int concurrency) {
    return new ExplainerConfig(bootstrap, topics, groupId, transactionIdPrefix, concurrency);
  }
}
