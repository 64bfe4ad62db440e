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
          "usage: BrokerMain --port N --dir DIR [--partitions N [--topic-prefix P]]"
              + " [--exit-on-stdin-eof]");
      System.exit(2);
      return;
    }
    LocalKafkaBroker broker;
    try {
      broker = LocalKafkaBroker.start(a.port(), a.dir());
      if (a.partitions() > 0) {
        broker.createTopics(Topics.withPrefix(a.topicPrefix()), a.partitions());
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

  record Args(int port, Path dir, int partitions, String topicPrefix, boolean exitOnStdinEof) {

    static Args parse(String[] args) {
      Integer port = null;
      Path dir = null;
      int partitions = 0;
      String prefix = "";
      boolean exitOnEof = false;
      List<String> rest = new ArrayList<>(List.of(args));
      while (!rest.isEmpty()) {
        String option = rest.remove(0);
        switch (option) {
          case "--port" -> port = integer(option, value(option, rest));
          case "--dir" -> dir = Path.of(value(option, rest));
          case "--partitions" -> partitions = integer(option, value(option, rest));
          case "--topic-prefix" -> prefix = value(option, rest);
          case "--exit-on-stdin-eof" -> exitOnEof = true;
          default -> throw new IllegalArgumentException("unknown option " + option);
        }
      }
      if (port == null || dir == null) {
        throw new IllegalArgumentException("--port and --dir are required");
      }
      return new Args(port, dir, partitions, prefix, exitOnEof);
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
