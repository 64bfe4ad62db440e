package fr.pretadepenser.scoring.broker;

import fr.pretadepenser.scoring.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of a broker in a child JVM ({@link BrokerProcess}): starts a {@link
 * LocalKafkaBroker}, optionally creates the project's topics, prints {@value #READY} followed by
 * the bootstrap address on stdout, and runs until killed.
 *
 * <pre>
 * java -cp CLASSPATH fr.pretadepenser.scoring.broker.BrokerMain --port 0 --dir DIR
 *     [--partitions N [--topic-prefix P]] [--exit-on-stdin-eof]
 * </pre>
 *
 * <p>{@code --exit-on-stdin-eof} ties the broker's life to its parent's: when the parent dies, even
 * by SIGKILL, the pipe to the child's stdin closes and the broker stops, so a crashed test run
 * leaves no orphan broker holding a port.
 */
public final class BrokerMain {

  /** The first word of the line that says the broker is ready. */
  public static final String READY = "READY";

  private BrokerMain() {}

  public static void main(String[] args) {
    Args a;
    try {
      a = Args.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(
          "usage: BrokerMain (--port N | --node-id N --cluster-id ID --cluster"
              + " id:port:controllerPort,...) --dir DIR [--partitions N [--topic-prefix P]]"
              + " [--exit-on-stdin-eof]");
      System.exit(2);
      return;
    }
    LocalKafkaBroker broker;
    try {
      if (a.cluster() != null) {
        broker = LocalKafkaBroker.startNode(a.cluster(), a.nodeId(), a.dir());
        if (a.partitions() > 0) {
          ProjectTopics.create(
              a.cluster().bootstrapServers(),
              Topics.withPrefix(a.topicPrefix()),
              a.partitions(),
              a.cluster().replication());
        }
      } else {
        broker = LocalKafkaBroker.start(a.port(), a.dir());
        if (a.partitions() > 0) {
          broker.createTopics(Topics.withPrefix(a.topicPrefix()), a.partitions());
        }
      }
    } catch (RuntimeException e) {
      System.err.println("error: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
    System.out.println(READY + " " + broker.bootstrapServers());
    System.out.flush();
    if (a.exitOnStdinEof()) {
      waitForEof(System.in);
      System.exit(0);
    }
    broker.awaitShutdown();
  }

  private static void waitForEof(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // Whatever the parent writes is ignored; only the end of the stream matters.
      }
    } catch (IOException e) {
      // A broken pipe is the parent going away too.
    }
  }

  /**
   * The parsed options; {@code cluster} is null for the single-node broker, else the layout of
   * which this process is node {@code nodeId}.
   */
  record Args(
      int port,
      Path dir,
      int partitions,
      String topicPrefix,
      boolean exitOnStdinEof,
      KafkaClusterLayout cluster,
      int nodeId) {

    static Args parse(String[] args) {
      Integer port = null;
      Path dir = null;
      int partitions = 0;
      String prefix = "";
      boolean exitOnEof = false;
      Integer nodeId = null;
      String clusterId = null;
      String nodes = null;
      List<String> rest = new ArrayList<>(List.of(args));
      while (!rest.isEmpty()) {
        String option = rest.remove(0);
        switch (option) {
          case "--port" -> port = integer(option, value(option, rest));
          case "--dir" -> dir = Path.of(value(option, rest));
          case "--partitions" -> partitions = integer(option, value(option, rest));
          case "--topic-prefix" -> prefix = value(option, rest);
          case "--exit-on-stdin-eof" -> exitOnEof = true;
          case "--node-id" -> nodeId = integer(option, value(option, rest));
          case "--cluster-id" -> clusterId = value(option, rest);
          case "--cluster" -> nodes = value(option, rest);
          default -> throw new IllegalArgumentException("unknown option " + option);
        }
      }
      if (dir == null) {
        throw new IllegalArgumentException("--dir is required");
      }
      if (nodeId != null || clusterId != null || nodes != null) {
        if (nodeId == null || clusterId == null || nodes == null || port != null) {
          throw new IllegalArgumentException(
              "a cluster node needs --node-id, --cluster-id and --cluster, and no --port (its"
                  + " ports are the layout's)");
        }
        KafkaClusterLayout layout = KafkaClusterLayout.parse(clusterId, nodes);
        layout.node(nodeId);
        return new Args(0, dir, partitions, prefix, exitOnEof, layout, nodeId);
      }
      if (port == null) {
        throw new IllegalArgumentException("--port and --dir are required");
      }
      return new Args(port, dir, partitions, prefix, exitOnEof, null, 0);
    }

    private static String value(String option, List<String> rest) {
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return rest.remove(0);
    }

    private static int integer(String option, String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " needs a whole number, not '" + value + "'");
      }
    }
  }
}
