package fr.pretadepenser.scoring.broker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * Where the nodes of a KRaft cluster of several {@link LocalKafkaBroker}s on this machine listen,
 * and what replication such a cluster gets: each node is a broker and a controller, the controllers
 * form a static quorum, and every node must know every other's controller port before it starts. So
 * the layout (cluster id, node ids, one client port and one controller port per node) is decided
 * once, by whoever starts the cluster, and a node restarted after a crash comes back on the same
 * ports, since the static voters are read from the configuration.
 *
 * <p>Replication is {@code min(3, size)}, and {@code min.insync.replicas} 2 from three nodes on (1
 * below): with three nodes one may be down while writes with {@code acks=all} still land on two.
 * The offsets topic and the transaction state log are replicated the same way, or one dead node
 * would stop consumer groups and transactions.
 *
 * @param clusterId the KRaft cluster id every node is formatted with
 * @param nodes the nodes, ids distinct, ports distinct
 */
public record KafkaClusterLayout(String clusterId, List<Node> nodes) {

  /** One node: its id, its client port and its controller port. */
  public record Node(int id, int port, int controllerPort) {
    public Node {
      if (id < 0 || port < 1 || port > 65_535 || controllerPort < 1 || controllerPort > 65_535) {
        throw new IllegalArgumentException(
            "node " + id + ": ports must be 1..65535 and the id 0 or more");
      }
    }
  }

  public KafkaClusterLayout {
    Objects.requireNonNull(clusterId, "clusterId");
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one node");
    }
    Set<Integer> ids = new HashSet<>();
    Set<Integer> ports = new HashSet<>();
    for (Node n : nodes) {
      if (!ids.add(n.id()) || !ports.add(n.port()) || !ports.add(n.controllerPort())) {
        throw new IllegalArgumentException("node ids and ports must be distinct: " + nodes);
      }
    }
  }

  /**
   * A layout of {@code size} nodes (ids 1..size) on free ports of this machine, with a fresh
   * cluster id. The ports are free now; they are kept for the cluster's life.
   */
  public static KafkaClusterLayout onFreePorts(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a cluster needs at least one node, not " + size);
    }
    List<Node> nodes = new ArrayList<>();
    Set<Integer> taken = new HashSet<>();
    for (int id = 1; id <= size; id++) {
      nodes.add(new Node(id, distinctFreePort(taken), distinctFreePort(taken)));
    }
    return new KafkaClusterLayout(Uuid.randomUuid().toString(), nodes);
  }

  private static int distinctFreePort(Set<Integer> taken) {
    while (true) {
      int p = LocalKafkaBroker.freePort();
      if (taken.add(p)) {
        return p;
      }
    }
  }

  /** Nodes in the cluster. */
  public int size() {
    return nodes.size();
  }

  /** Replicas of every topic: {@code min(3, size)}. */
  public int replication() {
    return Math.min(3, size());
  }

  /** {@code min.insync.replicas}: 2 from three nodes on, else 1. */
  public int minInsyncReplicas() {
    return size() >= 3 ? 2 : 1;
  }

  /** The node with id {@code id}. */
  public Node node(int id) {
    return nodes.stream()
        .filter(n -> n.id() == id)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + id + " in " + nodes));
  }

  /** {@code controller.quorum.voters}: {@code id@localhost:controllerPort,...}. */
  public String voters() {
    return nodes.stream()
        .map(n -> n.id() + "@" + LocalKafkaBroker.HOST + ":" + n.controllerPort())
        .collect(Collectors.joining(","));
  }

  /** Every node's client address, for the clients' {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return nodes.stream()
        .map(n -> LocalKafkaBroker.HOST + ":" + n.port())
        .collect(Collectors.joining(","));
  }

  /** The nodes as one argument, {@code id:port:controllerPort,...} (see {@link #parse}). */
  public String nodesArgument() {
    return nodes.stream()
        .map(n -> n.id() + ":" + n.port() + ":" + n.controllerPort())
        .collect(Collectors.joining(","));
  }

  /** The layout of {@link #nodesArgument()} and a cluster id. */
  public static KafkaClusterLayout parse(String clusterId, String nodesArgument) {
    List<Node> nodes = new ArrayList<>();
    for (String part : nodesArgument.split(",")) {
      String[] f = part.trim().split(":");
      if (f.length != 3) {
        throw new IllegalArgumentException(
            "a node is id:port:controllerPort, not '" + part.trim() + "'");
      }
      try {
        nodes.add(new Node(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2])));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "a node is id:port:controllerPort in whole numbers, not '" + part.trim() + "'");
      }
    }
    return new KafkaClusterLayout(clusterId, nodes);
  }
}
