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
 * @param password the password of the route's login (user {@code advisor}); empty: the environment
 *     variable SCORING_ADVISOR_PASSWORD, else generated and printed once at start
 * @param receivedIds application ids remembered to answer a re-send as already received (0: 10,000)
 */
@ConfigurationProperties("intake")
record IntakeProperties(
    String bootstrapServers,
    String topicPrefix,
    Duration maxBlock,
    Duration requestTimeout,
    Duration deliveryTimeout,
    String password,
    int receivedIds) {

  IntakeProperties {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "intake.bootstrap-servers is empty: say where Kafka is (--bootstrap HOST:PORT)");
    }
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    receivedIds = receivedIds <= 0 ? 10_000 : receivedIds;
  }

  @Override
  public String toString() {
    // A record's toString would print the password into any log that shows the settings.
    return "IntakeProperties[bootstrapServers="
        + bootstrapServers
        + ", topicPrefix="
        + topicPrefix
        + ", password=hidden]";
  }
}
