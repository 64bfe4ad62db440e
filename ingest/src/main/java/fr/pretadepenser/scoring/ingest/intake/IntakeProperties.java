package fr.pretadepenser.scoring.ingest.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code intake.*} settings (see {@code intake.properties}).
 *
 * @param bootstrapServers Kafka's {@code host:port[,host:port]}
 * @param topicPrefix prefix of the topic names, "" for the standard ones
 * @param maxBlock how long a request waits for Kafka's metadata (first request, broker down)
 * @param requestTimeout how long the producer waits for one broker response
 * @param deliveryTimeout how long a publication may take in all, retries included, before 503
 */
@ConfigurationProperties("intake")
record IntakeProperties(
    String bootstrapServers,
    String topicPrefix,
    Duration maxBlock,
    Duration requestTimeout,
    Duration deliveryTimeout) {

  IntakeProperties {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "intake.bootstrap-servers is empty: say where Kafka is (--bootstrap HOST:PORT)");
    }
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
  }
}
