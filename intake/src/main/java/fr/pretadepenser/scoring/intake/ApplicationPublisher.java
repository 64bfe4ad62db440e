package fr.pretadepenser.scoring.intake;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.schemas.Topic;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes validated applications to {@code loan-applications}, keyed by client id, with the
 * submission time as the record's timestamp. Accepted means durably in Kafka (acks=all,
 * idempotent). Each service that mounts {@link ApplicationController} makes one, with its own
 * client id and timeouts.
 */
public final class ApplicationPublisher implements AutoCloseable {

  private final Producer<Long, LoanApplication> producer;
  private final Topic<Long, LoanApplication> topic;
  private final String bootstrapServers;

  /**
   * @param clientId the producer's client.id (names the caller in the broker's logs and quotas)
   * @param maxBlock how long a publication waits for Kafka's metadata (first request, broker down)
   * @param requestTimeout how long the producer waits for one broker response
   * @param deliveryTimeout how long a publication may take in all, retries included
   */
  public ApplicationPublisher(
      String bootstrapServers,
      String clientId,
      Topic<Long, LoanApplication> topic,
      Duration maxBlock,
      Duration requestTimeout,
      Duration deliveryTimeout) {
    this.topic = topic;
    this.bootstrapServers = bootstrapServers;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    // Accepted (202) means durably in Kafka: all in-sync replicas have it, and a retry after a
    // lost acknowledgement cannot write it twice.
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // A caller waits on these: short enough to answer 503 while the caller is still there.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
    this.producer =
        new KafkaProducer<>(p, topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  /**
   * Sends {@code application} and completes when Kafka has acknowledged it; fails with {@link
   * KafkaUnavailableException} when Kafka cannot be reached in time.
   */
  public Mono<RecordMetadata> publish(LoanApplication application) {
    ProducerRecord<Long, LoanApplication> record =
        new ProducerRecord<>(
            topic.name(),
            null,
            application.getSubmittedAt().toEpochMilli(),
            application.getSKIDCURR(),
            application);
    return Mono.<RecordMetadata>create(
            sink -> {
              try {
                producer.send(
                    record,
                    (metadata, e) -> {
                      if (e == null) {
                        sink.success(metadata);
                      } else {
                        sink.error(translate(e));
                      }
                    });
              } catch (KafkaException e) {
                sink.error(translate(e));
              }
            })
        // send() may block up to max.block.ms for metadata: never on an event-loop thread.
        .subscribeOn(Schedulers.boundedElastic());
  }

  private RuntimeException translate(Exception e) {
    if (e instanceof RetriableException) {
      return new KafkaUnavailableException(
          "Kafka at " + bootstrapServers + " did not take the application: " + e.getMessage(), e);
    }
    return e instanceof RuntimeException r ? r : new KafkaException(e);
  }

  public String topicName() {
    return topic.name();
  }

  @Override
  public void close() {
    producer.close();
  }
}
