package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.schemas.Topics;
import picocli.CommandLine.Option;

/**
 * {@code --topic-prefix}: the prefix of every topic name a command uses (default: none). Its help
 * text has two wordings, one per mixin below; both are kept because the help text is the command
 * line's contract.
 */
abstract class TopicPrefixOption {

  abstract String prefix();

  /** The project's topics under the prefix; a prefix Kafka would refuse is the user's mistake. */
  Topics topics() {
    try {
      return Topics.withPrefix(prefix());
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
  }

  /** As {@code broker}, {@code ingest}, {@code intake} and {@code dashboard} word it. */
  static final class TopicNames extends TopicPrefixOption {
    @Option(
        names = "--topic-prefix",
        paramLabel = "P",
        description = "Prefix of the topic names (default: none).")
    String prefix = "";

    @Override
    String prefix() {
      return prefix;
    }
  }

  /** As the stream services {@code scorer}, {@code explainer} and {@code monitor} word it. */
  static final class EveryTopicName extends TopicPrefixOption {
    @Option(
        names = "--topic-prefix",
        paramLabel = "P",
        defaultValue = "",
        description = "Prefix of every topic name (default: none).")
    String prefix;

    @Override
    String prefix() {
      return prefix;
    }
  }
}
