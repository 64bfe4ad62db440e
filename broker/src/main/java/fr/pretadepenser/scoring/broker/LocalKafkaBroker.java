package fr.pretadepenser.scoring.broker;

import fr.pretadepenser.scoring.schemas.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) on this machine,
 * for integration tests and for local runs ({@code bin/scoring broker}).
 *
 * <p>It runs Kafka's own server classes, not a fake: transactions, idempotent producers,
 * read_committed consumers and Kafka Streams' exactly_once_v2 behave as on a cluster. Everything a
 * one-node cluster needs is set to one replica (offsets, transaction state, share state), topic
 * auto-creation is off so that a misspelt topic fails instead of appearing with the wrong partition
 * count, and the internal topics get a handful of partitions instead of 50 so that the first
 * consumer group or transaction does not wait for 50 partitions on two cores.
 *
 * <pre>{@code
 * try (LocalKafkaBroker kafka = LocalKafkaBroker.startTemporary()) {
 *   kafka.createTopics(Topics.withPrefix("it."), 3);
 *   props.put("bootstrap.servers", kafka.bootstrapServers());
 *   ...
 * }
 * }</pre>
 *
 * <p>To kill a client JVM while the broker survives, or to kill the broker itself, run it in
 * another process: {@link BrokerProcess}, or {@code bin/scoring broker}.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);

  static final int NODE_ID = 1;
  static final String HOST = "localhost";
  private static final String CONTROLLER = "CONTROLLER";
  private static final String PLAINTEXT = "PLAINTEXT";

  /** Partitions of {@code __consumer_offsets} and {@code __transaction_state}. */
  static final int INTERNAL_TOPIC_PARTITIONS = 5;

  /** Tries when the port is picked here and another process grabs it before Kafka binds it. */
  private static final int BIND_TRIES = 3;

  private final KafkaRaftServer server;
  private final int port;
  private final Path directory;
  private final boolean temporary;
  private boolean closed;
  private volatile boolean shared;

  /** The JVM-wide broker of {@link #shared()}, started on first use. */
  private static LocalKafkaBroker sharedBroker;

  private LocalKafkaBroker(KafkaRaftServer server, int port, Path directory, boolean temporary) {
    this.server = server;
    this.port = port;
    this.directory = directory;
    this.temporary = temporary;
  }

  /**
   * One temporary broker for the whole JVM, started on first call and stopped when the JVM exits:
   * test classes that share it pay for one start instead of one each. Give each class its own
   * topics ({@code Topics.withPrefix}); {@link #close()} does nothing on it.
   */
  public static synchronized LocalKafkaBroker shared() {
    if (sharedBroker == null) {
      LocalKafkaBroker broker = startTemporary();
      broker.shared = true;
      Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "shared-kafka-shutdown"));
      sharedBroker = broker;
    }
    return sharedBroker;
  }

  /**
   * Starts a broker on a free port with a fresh temporary data folder, deleted by {@link #close()}.
   */
  public static LocalKafkaBroker startTemporary() {
    return startTemporary(0);
  }

  /**
   * Starts a broker on {@code port} (0: a free one) with a fresh temporary data folder, deleted by
   * {@link #close()}.
   */
  public static LocalKafkaBroker startTemporary(int port) {
    Path dir;
    try {
      dir = Files.createTempDirectory("local-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for Kafka", e);
    }
    return start(port, dir, true);
  }

  /**
   * Starts a broker listening on {@code localhost:port}, keeping its data in {@code directory}.
   *
   * <p>The folder is created and formatted on first use and reused afterwards, so topics and
   * records survive a restart (for instance of {@code bin/scoring broker --dir DIR}).
   *
   * @param port the client port, or 0 for a free one
   * @throws BrokerException when the port is taken, the folder is unusable or Kafka fails to start
   */
  public static LocalKafkaBroker start(int port, Path directory) {
    return start(port, directory, false);
  }

  private static LocalKafkaBroker start(int port, Path directory, boolean temporary) {
    Objects.requireNonNull(directory, "directory");
    if (port < 0 || port > 65_535) {
      throw new BrokerException("port " + port + " is not a TCP port (0 picks a free one)");
    }
    Path dir = directory.toAbsolutePath().normalize();
    for (int attempt = 1; ; attempt++) {
      int clientPort = port == 0 ? freePort() : requireFree(port);
      try {
        return startOnce(clientPort, dir, temporary);
      } catch (RuntimeException e) {
        // Only a port picked here can be picked again; a port asked for is the caller's choice.
        if (port == 0 && attempt < BIND_TRIES && isBindFailure(e)) {
          LOG.info("port {} was taken before Kafka bound it; trying another", clientPort);
          continue;
        }
        if (temporary) {
          deleteRecursively(dir);
        }
        throw e instanceof BrokerException b
            ? b
            : new BrokerException("Kafka failed to start in " + dir + ": " + e, e);
      }
    }
  }

  /**
   * Starts node {@code nodeId} of a cluster of several brokers on this machine (each usually in its
   * own process: {@link BrokerMain} {@code --cluster}), keeping its data in {@code directory}.
   *
   * <p>The node listens on the ports the layout gives it; a node restarted after a crash must get
   * the same folder and the same layout. It is ready once it has joined the controller quorum and
   * registered, so a majority of the controllers must be starting too: start the nodes side by
   * side, not one after the other.
   *
   * @throws BrokerException when a port is taken, the folder is unusable or Kafka fails to start
   */
  public static LocalKafkaBroker startNode(KafkaClusterLayout layout, int nodeId, Path directory) {
    Objects.requireNonNull(layout, "layout");
    KafkaClusterLayout.Node self = layout.node(nodeId);
    Path dir = directory.toAbsolutePath().normalize();
    // A node restarted right after a SIGKILL may find its ports still held for a moment.
    for (int attempt = 1; ; attempt++) {
      try {
        requireFree(self.port());
        return startOnce(
            properties(layout, nodeId, dir), nodeId, layout.clusterId(), self.port(), dir, false);
      } catch (RuntimeException e) {
        if (attempt < BIND_TRIES * 4 && isBindFailure(e)) {
          LOG.info("a port of node {} is still taken; trying again in a second", nodeId);
          sleep(1_000);
          continue;
        }
        throw e instanceof BrokerException b
            ? b
            : new BrokerException(
                "Kafka node " + nodeId + " failed to start in " + dir + ": " + e, e);
      }
    }
  }

  private static LocalKafkaBroker startOnce(int port, Path dir, boolean temporary) {
    return startOnce(
        properties(port, freePort(), dir),
        NODE_ID,
        Uuid.randomUuid().toString(),
        port,
        dir,
        temporary);
  }

  private static LocalKafkaBroker startOnce(
      Properties properties, int nodeId, String clusterId, int port, Path dir, boolean temporary) {
    long started = System.nanoTime();
    KafkaConfig config = new KafkaConfig(properties, false);
    formatIfNew(config, nodeId, clusterId, dir);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      server.startup();
      LocalKafkaBroker broker = new LocalKafkaBroker(server, port, dir, temporary);
      broker.awaitReady(Duration.ofSeconds(120));
      LOG.info(
          "Kafka is up on {} ({} ms, data in {})",
          broker.bootstrapServers(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          dir);
      return broker;
    } catch (RuntimeException e) {
      stopQuietly(server);
      throw e;
    }
  }

  /**
   * The broker's configuration; package-private so that a test can see exactly what a one-node
   * cluster needs.
   */
  static Properties properties(int port, int controllerPort, Path dir) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    // A static one-voter quorum: nothing to agree on, and the controller port may change between
    // restarts because static voters are read from the configuration, not from the log.
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("controller.listener.names", CONTROLLER);
    p.put(
        "listeners",
        PLAINTEXT
            + "://"
            + HOST
            + ":"
            + port
            + ","
            + CONTROLLER
            + "://"
            + HOST
            + ":"
            + controllerPort);
    p.put("advertised.listeners", PLAINTEXT + "://" + HOST + ":" + port);
    p.put("inter.broker.listener.name", PLAINTEXT);
    p.put("listener.security.protocol.map", PLAINTEXT + ":PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
    p.put("log.dirs", dir.resolve("data").toString());
    // One node: every internal topic has one replica, or transactions and groups never start.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", String.valueOf(INTERNAL_TOPIC_PARTITIONS));
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", String.valueOf(INTERNAL_TOPIC_PARTITIONS));
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("auto.create.topics.enable", "false");
    // Consumer groups start at once instead of waiting 3 s for more members.
    p.put("group.initial.rebalance.delay.ms", "0");
    // A killed producer's open transaction blocks read_committed readers of its partitions until
    // the coordinator aborts it; the default sweep runs every 10 s, which adds up to 10 s to every
    // recovery after a kill -9 on top of the transaction timeout itself.
    p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    // The log cleaner's 128 MiB default buffer is sized for production topics, not for tests.
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 << 20));
    return p;
  }

  /**
   * The configuration of node {@code nodeId} of a cluster: the one-node configuration with the
   * layout's node id and voters, and every replication setting at the layout's replication (the
   * offsets topic and transaction state log included, or one dead node would stop groups and
   * transactions) and {@code min.insync.replicas}.
   */
  static Properties properties(KafkaClusterLayout layout, int nodeId, Path dir) {
    KafkaClusterLayout.Node self = layout.node(nodeId);
    Properties p = properties(self.port(), self.controllerPort(), dir);
    p.put("node.id", String.valueOf(nodeId));
    p.put("controller.quorum.voters", layout.voters());
    String replication = String.valueOf(layout.replication());
    String minIsr = String.valueOf(layout.minInsyncReplicas());
    p.put("offsets.topic.replication.factor", replication);
    p.put("transaction.state.log.replication.factor", replication);
    p.put("transaction.state.log.min.isr", minIsr);
    p.put("share.coordinator.state.topic.replication.factor", replication);
    p.put("share.coordinator.state.topic.min.isr", minIsr);
    p.put("default.replication.factor", replication);
    p.put("min.insync.replicas", minIsr);
    // Kafka's default, said here because the chaos test relies on it: a replica that was out of
    // sync never becomes leader, so an acknowledged write is never lost to a restart.
    p.put("unclean.leader.election.enable", "false");
    return p;
  }

  private static void formatIfNew(KafkaConfig config, int nodeId, String clusterId, Path dir) {
    Path data = dir.resolve("data");
    if (Files.exists(data.resolve("meta.properties"))) {
      return;
    }
    try {
      Files.createDirectories(data);
      // The formatter's chatter goes nowhere: the broker's own log says what matters.
      try (PrintStream quiet = new PrintStream(PrintStream.nullOutputStream())) {
        new Formatter()
            .setPrintStream(quiet)
            .setNodeId(nodeId)
            .setClusterId(clusterId)
            .setControllerListenerName(CONTROLLER)
            .setMetadataLogDirectory(config.metadataLogDir())
            .addDirectory(data.toString())
            .run();
      }
    } catch (IOException e) {
      throw new BrokerException("cannot create the Kafka data folder " + data + ": " + e, e);
    } catch (Exception e) {
      throw new BrokerException("cannot format the Kafka data folder " + data + ": " + e, e);
    }
  }

  /** Waits until the broker answers an admin request and lists itself as a live node. */
  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = admin()) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted while Kafka was starting", e);
          }
          LOG.debug("Kafka not ready yet: {}", e.toString());
        }
        if (System.nanoTime() > deadline) {
          throw new BrokerException(
              "Kafka on " + bootstrapServers() + " did not become ready within " + timeout);
        }
        sleep(50);
      }
    }
  }

  /** {@code host:port} for the clients' {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** The client port. */
  public int port() {
    return port;
  }

  /** The data folder (Kafka's log directory is its {@code data} subfolder). */
  public Path directory() {
    return directory;
  }

  /** An admin client on this broker; the caller closes it. */
  public Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            30_000));
  }

  /**
   * Creates every topic of the catalogue with {@code partitions} partitions (one replica), keeping
   * those that exist already; see {@link ProjectTopics#create}.
   *
   * @return the names created
   */
  public List<String> createTopics(Topics topics, int partitions) {
    return ProjectTopics.create(bootstrapServers(), topics, partitions);
  }

  /** Blocks until the broker has stopped (from {@link #close()} on another thread). */
  public void awaitShutdown() {
    server.awaitShutdown();
  }

  /**
   * Stops the broker cleanly (controlled shutdown, logs flushed) and, for a temporary broker,
   * deletes its folder. Idempotent; does nothing on the {@link #shared()} broker, which stops with
   * the JVM.
   */
  @Override
  public void close() {
    if (!shared) {
      stop();
    }
  }

  private synchronized void stop() {
    if (closed) {
      return;
    }
    closed = true;
    stopQuietly(server);
    if (temporary) {
      deleteRecursively(directory);
    }
  }

  @Override
  public String toString() {
    return "LocalKafkaBroker[" + bootstrapServers() + ", " + directory + "]";
  }

  private static void stopQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Kafka did not stop cleanly: {}", e.toString());
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(HOST, 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free TCP port on " + HOST, e);
    }
  }

  /** Fails with a clear message now rather than with Kafka's bind error after a second of start. */
  private static int requireFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(HOST, port));
      return port;
    } catch (IOException e) {
      throw new BrokerException(
          "port " + port + " on " + HOST + " is already in use (another broker running?)", e);
    }
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException
          || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", dir, e.toString());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException("interrupted while Kafka was starting", e);
    }
  }
}
