package fr.pretadepenser.scoring.dashboard;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.schemas.Topic;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes the form's applications to {@code loan-applications}, keyed by client id: accepted
 * means all in-sync replicas have it (acks=all, idempotent), as for the intake.
 */
final class ApplicationPublisher implements AutoCloseable {

  private final Producer<Long, LoanApplication> producer;
  private final Topic<Long, LoanApplication> topic;

  ApplicationPublisher(String bootstrapServers, Topic<Long, LoanApplication> topic) {
    this.topic = topic;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG,
                "scoring-dashboard",
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                // An advisor waits on this: answer 503 within seconds rather than hang.
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                5000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                10000),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer());
  }

  Mono<RecordMetadata> publish(LoanApplication application) {
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
                        sink.error(e);
                      }
                    });
              } catch (RuntimeException e) {
                sink.error(e);
              }
            })
        // send() may block up to max.block.ms for metadata: never on an event-loop thread.
        .subscribeOn(Schedulers.boundedElastic());
  }

  @Override
  public void close() {
    producer.close();
  }
}
