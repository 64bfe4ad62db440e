package fr.pretadepenser.scoring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three KRaft nodes in three child JVMs: replicated topics that outlive one node's SIGKILL. */
class KafkaClusterTest {

  @Test
  void aNodesConfigurationReplicatesEverythingAtTheLayoutsFactor(@TempDir Path dir) {
    KafkaClusterLayout three =
        KafkaClusterLayout.parse("c1", "1:9101:9201,2:9102:9202,3:9103:9203");
    Properties p = LocalKafkaBroker.properties(three, 2, dir);
    assertThat(p)
        .containsEntry("node.id", "2")
        .containsEntry(
            "controller.quorum.voters", "1@localhost:9201,2@localhost:9202,3@localhost:9203")
        .containsEntry("listeners", "PLAINTEXT://localhost:9102,CONTROLLER://localhost:9202")
        .containsEntry("default.replication.factor", "3")
        .containsEntry("offsets.topic.replication.factor", "3")
        .containsEntry("transaction.state.log.replication.factor", "3")
        .containsEntry("transaction.state.log.min.isr", "2")
        .containsEntry("min.insync.replicas", "2")
        .containsEntry("unclean.leader.election.enable", "false");
    assertThat(three.bootstrapServers()).isEqualTo("localhost:9101,localhost:9102,localhost:9103");

    KafkaClusterLayout two = KafkaClusterLayout.parse("c2", "1:9101:9201,2:9102:9202");
    assertThat(LocalKafkaBroker.properties(two, 1, dir))
        .containsEntry("default.replication.factor", "2")
        .containsEntry("min.insync.replicas", "1");
    KafkaClusterLayout five = KafkaClusterLayout.onFreePorts(5);
    assertThat(five.replication()).isEqualTo(3);
    assertThat(five.minInsyncReplicas()).isEqualTo(2);
    assertThat(KafkaClusterLayout.parse(five.clusterId(), five.nodesArgument())).isEqualTo(five);

    assertThatThrownBy(() -> KafkaClusterLayout.parse("c", "1:9101:9201,1:9102:9202"))
        .hasMessageContaining("distinct");
    assertThatThrownBy(() -> KafkaClusterLayout.parse("c", "1:9101"))
        .hasMessageContaining("id:port:controllerPort");
  }

  @Test
  void threeNodesKeepAcceptingAcknowledgedWritesWhileOneIsKilledAndItComesBack(@TempDir Path dir)
      throws Exception {
    KafkaClusterLayout layout = KafkaClusterLayout.onFreePorts(3);
    List<BrokerProcess> nodes = new ArrayList<>(startAll(layout, dir));
    try {
      Topics topics = Topics.withPrefix("cluster.");
      String bootstrap = layout.bootstrapServers();
      ProjectTopics.create(bootstrap, topics, 2, layout.replication());
      String topic = topics.loanApplications().name();
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        TopicDescription d =
            admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic);
        for (TopicPartitionInfo p : d.partitions()) {
          assertThat(p.replicas()).hasSize(3);
        }
      }
      List<String> sent = new ArrayList<>();
      try (KafkaProducer<String, String> producer =
          KafkaTestClients.producer(
              bootstrap,
              Map.of(
                  ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                  "cluster-test",
                  ProducerConfig.MAX_BLOCK_MS_CONFIG,
                  60_000))) {
        producer.initTransactions();
        for (int round = 0; round < 3; round++) {
          if (round == 1) {
            // The node that leads partition 0: its SIGKILL forces an election.
            nodes.get(leaderIndex(bootstrap, topic, layout)).kill();
          }
          if (round == 2) {
            int dead = indexOfDead(nodes);
            nodes.set(
                dead,
                BrokerProcess.startNode(
                    layout,
                    layout.nodes().get(dead).id(),
                    dir.resolve("node-" + layout.nodes().get(dead).id()),
                    BrokerProcess.classPathLauncher()));
          }
          producer.beginTransaction();
          for (int i = 0; i < 10; i++) {
            String v = "round " + round + " record " + i;
            producer.send(new ProducerRecord<>(topic, String.valueOf(i), v));
            sent.add(v);
          }
          producer.commitTransaction();
        }
      }
      assertThat(
              KafkaTestClients.readValues(
                  bootstrap, topic, "read_committed", sent.size(), Duration.ofSeconds(60)))
          .containsExactlyInAnyOrderElementsOf(sent);
    } finally {
      nodes.forEach(BrokerProcess::close);
    }
  }

  private static List<BrokerProcess> startAll(KafkaClusterLayout layout, Path dir)
      throws Exception {
    List<CompletableFuture<BrokerProcess>> starting = new ArrayList<>();
    for (KafkaClusterLayout.Node n : layout.nodes()) {
      starting.add(
          CompletableFuture.supplyAsync(
              () ->
                  BrokerProcess.startNode(
                      layout,
                      n.id(),
                      dir.resolve("node-" + n.id()),
                      BrokerProcess.classPathLauncher())));
    }
    List<BrokerProcess> nodes = new ArrayList<>();
    for (CompletableFuture<BrokerProcess> f : starting) {
      nodes.add(f.get(5, TimeUnit.MINUTES));
    }
    return nodes;
  }

  private static int leaderIndex(String bootstrap, String topic, KafkaClusterLayout layout)
      throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      int leader =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .get(topic)
              .partitions()
              .get(0)
              .leader()
              .id();
      for (int i = 0; i < layout.size(); i++) {
        if (layout.nodes().get(i).id() == leader) {
          return i;
        }
      }
      throw new AssertionError("leader " + leader + " is not in " + layout);
    }
  }

  private static int indexOfDead(List<BrokerProcess> nodes) {
    for (int i = 0; i < nodes.size(); i++) {
      if (!nodes.get(i).isAlive()) {
        return i;
      }
    }
    throw new AssertionError("no node was killed");
  }
}
