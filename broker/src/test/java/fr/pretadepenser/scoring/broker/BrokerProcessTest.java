package fr.pretadepenser.scoring.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerProcessTest {

  @Test
  void aBrokerInAChildJvmServesClientsHereAndDiesBySigkill(@TempDir Path dir) throws Exception {
    Topics topics = Topics.withPrefix("child.");
    try (BrokerProcess kafka = BrokerProcess.start(0, dir, topics, 2)) {
      assertThat(kafka.pid()).isNotEqualTo(ProcessHandle.current().pid());
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
            .contains(topics.clientHistory().name(), topics.loanApplications().name());
      }
      String topic = topics.loanApplications().name();
      try (KafkaProducer<String, String> producer =
          KafkaTestClients.producer(kafka.bootstrapServers(), Map.of())) {
        producer.send(new ProducerRecord<>(topic, "1", "from the parent")).get();
      }
      assertThat(
              KafkaTestClients.readValues(
                  kafka.bootstrapServers(), topic, "read_committed", 1, Duration.ofSeconds(20)))
          .containsExactly("from the parent");

      kafka.kill();

      assertThat(kafka.isAlive()).isFalse();
      assertThat(ProcessHandle.of(kafka.pid()).map(ProcessHandle::isAlive))
          .isNotEqualTo(java.util.Optional.of(true));
    }
  }

  @Test
  void aChildThatCannotStartSaysWhyWithTheEndOfItsLog(@TempDir Path dir) {
    LocalKafkaBroker busy = LocalKafkaBroker.shared();
    assertThatThrownBy(() -> BrokerProcess.start(busy.port(), dir))
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("did not become ready")
        .hasMessageContaining("already in use");
  }
}
