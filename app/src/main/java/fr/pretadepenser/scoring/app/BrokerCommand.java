package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.broker.BrokerException;
import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.schemas.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scoring broker}: a single-node Kafka for local runs, until Ctrl-C or SIGTERM. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a single-node Kafka broker (KRaft) on localhost until stopped (Ctrl-C), and creates"
          + " the project's topics.",
      "Transactions work on it (one replica everywhere); topics are never created on the fly."
    })
final class BrokerCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Client port (default: ${DEFAULT-VALUE}; 0 for a free one).")
  int port = 9092;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Data folder, kept across restarts (default: a temporary folder deleted on exit).")
  Path dir;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description =
          "Partitions of each project topic (default: ${DEFAULT-VALUE}); 0 creates no topic.")
  int partitions = 3;

  @Mixin TopicPrefixOption.TopicNames topicPrefix;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (partitions < 0) {
      throw new UserException("--partitions must be 0 or more");
    }
    Topics topics = topicPrefix.topics();
    LocalKafkaBroker broker;
    List<String> created;
    try {
      broker =
          dir == null ? LocalKafkaBroker.startTemporary(port) : LocalKafkaBroker.start(port, dir);
    } catch (BrokerException e) {
      throw new UserException(e.getMessage(), e);
    }
    try {
      created = partitions == 0 ? List.of() : broker.createTopics(topics, partitions);
    } catch (BrokerException e) {
      broker.close();
      throw new UserException(e.getMessage(), e);
    }
    // Ctrl-C and SIGTERM stop the broker cleanly (logs flushed, controlled shutdown).
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
    var out = spec.commandLine().getOut();
    out.println(
        "Kafka broker on "
            + broker.bootstrapServers()
            + " (data in "
            + broker.directory()
            + (dir == null ? ", deleted on exit)" : ")"));
    if (partitions > 0) {
      out.println(
          "Topics ("
              + partitions
              + " partitions each): "
              + String.join(", ", topics.all().stream().map(t -> t.name()).toList())
              + (created.isEmpty() ? " (all existed)" : ""));
    }
    out.println("Ctrl-C to stop.");
    out.flush();
    broker.awaitShutdown();
    return 0;
  }
}
