package fr.pretadepenser.scoring.app;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * {@link EndToEndTest} against the broker ops run (the apache/kafka image of docker-compose.yml) in
 * a container. Skipped where no Docker engine runs, as on the build machines of this project.
 */
@Testcontainers(disabledWithoutDocker = true)
class EndToEndOnContainerKafkaTest {

  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.2.1");

  @TempDir Path tmp;

  @Test
  void everySampleApplicantIsDecidedOnceExactlyAsTheBatchPathScoresIt() throws Exception {
    EndToEndTest.decideTheSampleOn(KAFKA.getBootstrapServers(), tmp);
  }
}
