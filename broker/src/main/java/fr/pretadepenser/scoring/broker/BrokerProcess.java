package fr.pretadepenser.scoring.broker;

import fr.pretadepenser.scoring.schemas.Topics;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link LocalKafkaBroker} in a child JVM, so that a test can SIGKILL the broker, or a client JVM
 * while the broker lives on.
 *
 * <p>The child runs {@link BrokerMain} on this JVM's class path, which is what tests and IDEs have;
 * from the runnable jar, start {@code bin/scoring broker} instead. Its output goes to {@code
 * broker.log} in the data folder. It also stops when this JVM dies, even by SIGKILL (it watches its
 * stdin), so a crashed run leaves no broker behind.
 *
 * <pre>{@code
 * try (BrokerProcess kafka = BrokerProcess.start(0, dir, Topics.withPrefix("it."), 3)) {
 *   ... kafka.bootstrapServers() ...
 *   kafka.kill(); // SIGKILL
 * }
 * }</pre>
 */
public final class BrokerProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int LOG_TAIL = 30;

  private final Process process;
  private final String bootstrapServers;
  private final Path directory;
  private final Path log;

  private BrokerProcess(Process process, String bootstrapServers, Path directory, Path log) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
    this.directory = directory;
    this.log = log;
  }

  /** Starts a broker on {@code port} (0: a free one) with its data in {@code directory}. */
  public static BrokerProcess start(int port, Path directory) {
    return start(port, directory, null, 0);
  }

  /**
   * Starts a broker and creates the catalogue's topics with {@code partitions} partitions before
   * returning.
   *
   * @param topics the topics to create, or null for none
   * @throws BrokerException when the child fails or is not ready within 90 s; the message has the
   *     end of its log
   */
  public static BrokerProcess start(int port, Path directory, Topics topics, int partitions) {
    Path dir = directory.toAbsolutePath().normalize();
    List<String> command = new ArrayList<>(classPathLauncher());
    command.addAll(List.of("--port", String.valueOf(port), "--dir", dir.toString()));
    if (topics != null) {
      command.addAll(List.of("--partitions", String.valueOf(partitions)));
      String prefix = topicPrefix(topics);
      if (!prefix.isEmpty()) {
        command.addAll(List.of("--topic-prefix", prefix));
      }
    }
    command.add("--exit-on-stdin-eof");
    return launch(command, dir, "broker-output-" + port, START_TIMEOUT);
  }

  /**
   * Starts node {@code nodeId} of {@code layout} in a child JVM, its data in {@code directory}
   * (kept: start it again on the same folder after a kill). No topic is created: the cluster has to
   * be up, which takes a majority of its nodes, so start the nodes side by side (each call blocks
   * until its node is ready) and create the topics once they are.
   *
   * @param launcher the command that runs {@link BrokerMain} with the arguments that follow it, for
   *     instance {@link #classPathLauncher()}, or {@code java -jar app.jar <a command that calls
   *     BrokerMain.main>} from a runnable jar whose classes the class path does not name
   */
  public static BrokerProcess startNode(
      KafkaClusterLayout layout, int nodeId, Path directory, List<String> launcher) {
    Path dir = directory.toAbsolutePath().normalize();
    layout.node(nodeId);
    List<String> command = new ArrayList<>(launcher);
    command.addAll(
        List.of(
            "--node-id",
            String.valueOf(nodeId),
            "--cluster-id",
            layout.clusterId(),
            "--cluster",
            layout.nodesArgument(),
            "--dir",
            dir.toString(),
            "--exit-on-stdin-eof"));
    // Up to a quorum's election and every node's registration, on a machine busy starting the
    // others: longer than one node alone.
    return launch(command, dir, "kafka-node-" + nodeId, START_TIMEOUT.multipliedBy(2));
  }

  /** {@code java -Xmx1g -cp <this JVM's class path> BrokerMain}: what tests and IDEs can run. */
  public static List<String> classPathLauncher() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp",
        System.getProperty("java.class.path"),
        BrokerMain.class.getName());
  }

  private static BrokerProcess launch(
      List<String> command, Path dir, String threadName, Duration startTimeout) {
    Path log = dir.resolve("broker.log");
    Process process;
    try {
      Files.createDirectories(dir);
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a broker JVM in " + dir, e);
    }
    CompletableFuture<String> ready = new CompletableFuture<>();
    Deque<String> tail = new ArrayDeque<>();
    Thread pump = new Thread(() -> pump(process, log, ready, tail), threadName);
    pump.setDaemon(true);
    pump.start();
    try {
      String bootstrap = ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return new BrokerProcess(process, bootstrap, dir, log);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new BrokerException("interrupted while the broker JVM was starting", e);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      String last;
      synchronized (tail) {
        last = String.join("\n", tail);
      }
      throw new BrokerException(
          "the broker JVM did not become ready ("
              + (e instanceof TimeoutException ? "timeout " + startTimeout : e.getCause())
              + "); end of "
              + log
              + ":\n"
              + last,
          e);
    }
  }

  /** The prefix the catalogue was built with, from its first topic's name. */
  private static String topicPrefix(Topics topics) {
    String name = topics.clientHistory().name();
    return name.substring(0, name.length() - Topics.CLIENT_HISTORY.length());
  }

  /** Copies the child's output to its log file and completes {@code ready} on the READY line. */
  private static void pump(
      Process process, Path log, CompletableFuture<String> ready, Deque<String> tail) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // Appended: a node restarted on the same folder keeps its earlier lives' lines.
        BufferedWriter out =
            Files.newBufferedWriter(
                log,
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.newLine();
        out.flush();
        if (!ready.isDone()) {
          synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > LOG_TAIL) {
              tail.removeFirst();
            }
          }
          if (line.startsWith(BrokerMain.READY + " ")) {
            ready.complete(line.substring(BrokerMain.READY.length() + 1).trim());
          }
        }
      }
    } catch (IOException e) {
      // The stream closes when the child dies; nothing else to do.
    } finally {
      ready.completeExceptionally(
          new IllegalStateException("the broker JVM exited before it was ready"));
    }
  }

  /** {@code host:port} for the clients' {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The child's process id. */
  public long pid() {
    return process.pid();
  }

  /** The data folder. */
  public Path directory() {
    return directory;
  }

  /** The child's output (Kafka's warnings and errors). */
  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: the broker stops at once, without flushing or a controlled shutdown. */
  public void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /** SIGTERM: a clean shutdown, like Ctrl-C on {@code bin/scoring broker}. */
  public void stop() {
    process.destroy();
    if (!awaitExit()) {
      process.destroyForcibly();
      awaitExit();
    }
  }

  private boolean awaitExit() {
    try {
      return process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops the child cleanly if it still runs; the data folder is kept (the caller owns it). */
  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }

  @Override
  public String toString() {
    return "BrokerProcess[pid " + process.pid() + ", " + bootstrapServers + "]";
  }
}
