package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.broker.BrokerMain;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * How {@code scoring chaos} runs its children from the same jar: {@code scoring chaos-child COMMAND
 * ARGS...} runs {@code scoring COMMAND ARGS...} (a scorer, an explainer) and ends the JVM when its
 * standard input ends, that is when the parent that holds the pipe dies, even by SIGKILL; {@code
 * scoring chaos-child kafka-node ARGS...} runs a Kafka cluster node ({@link BrokerMain}, which
 * watches its stdin itself). Not a user command: it is not listed, and {@link ScoringCli} hands it
 * over before picocli parses anything, so the child command's own options and help stay exactly as
 * a user would see them.
 */
final class ChaosChild {

  static final String COMMAND = "chaos-child";

  static final String KAFKA_NODE = "kafka-node";

  private ChaosChild() {}

  /** Runs the child; never returns normally (the JVM exits with the command's code). */
  static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: scoring chaos-child (kafka-node ARGS | COMMAND ARGS)");
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (args[0].equals(KAFKA_NODE)) {
      BrokerMain.main(rest);
      return;
    }
    Thread watch =
        new Thread(
            () -> {
              waitForEof(System.in);
              // The shutdown hooks run: a scorer commits its open transaction and stops cleanly.
              System.exit(0);
            },
            "parent-watch");
    watch.setDaemon(true);
    watch.start();
    System.exit(ScoringCli.commandLine().execute(args));
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
}
