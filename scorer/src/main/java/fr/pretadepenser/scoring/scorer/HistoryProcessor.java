package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.schemas.Topic;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds the {@code client-history} stream into the history store: each event that decodes and
 * belongs to the client of its key is appended, as its original bytes; anything else is a dead
 * letter.
 */
final class HistoryProcessor implements Processor<byte[], byte[], Object, Object> {

  private final Topic<Long, ClientHistoryEvent> topic;
  private ProcessorContext<Object, Object> context;
  private KeyValueStore<Bytes, byte[]> store;

  HistoryProcessor(Topic<Long, ClientHistoryEvent> topic) {
    this.topic = topic;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.store = context.getStateStore(ScorerTopology.HISTORY_STORE);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    try {
      long clientId = InputDecoding.clientId(record.key());
      ClientHistoryEvent event =
          InputDecoding.value(
              record.value(), topic.valueSerde().deserializer(), topic.name(), "history");
      if (event.getSKIDCURR() != clientId) {
        throw new Rejected(
            Stage.VALIDATE,
            "SK_ID_CURR "
                + event.getSKIDCURR()
                + " differs from the record key "
                + clientId
                + " (the key decides the partition, hence which applications see this fact)");
      }
      // The bytes as read, not re-encoded: they decoded, and the serde reads older writers later.
      HistoryStore.append(store, clientId, record.value());
    } catch (Rejected why) {
      DeadLetters.send(context, record, why);
    }
  }
}
