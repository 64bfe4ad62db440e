package fr.pretadepenser.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The history store's reads: the counted read agrees with the plain read and the count seek. */
class HistoryStoreTest {

  @Test
  void theCountedReadGivesTheSameHistoryAndTheNextSequence() {
    KeyValueStore<Bytes, byte[]> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("history"), Serdes.Bytes(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    Topic<Long, ClientHistoryEvent> topic = Topics.standard().clientHistory();
    Applicant applicant = SampleData.withFullHistory();
    long client = applicant.clientId();
    List<ClientHistoryEvent> events = SampleData.events(applicant.history());
    for (int i = 0; i < events.size(); i++) {
      HistoryStore.put(
          store, client, i, topic.valueSerde().serializer().serialize(topic.name(), events.get(i)));
    }
    // A neighbour on both sides, so that the range must stop at the client's own keys.
    byte[] one = topic.valueSerde().serializer().serialize(topic.name(), events.get(0));
    HistoryStore.put(store, client - 1, 0, one);
    HistoryStore.put(store, client + 1, 0, one);

    HistoryStore.Stored counted =
        HistoryStore.readCounted(store, client, "history", topic.valueSerde().deserializer());

    assertThat(counted.events())
        .isEqualTo(events.size())
        .isEqualTo(HistoryStore.nextSequence(store, client));
    assertThat(counted.history())
        .isEqualTo(applicant.history())
        .isEqualTo(HistoryStore.read(store, client, "history", topic.valueSerde().deserializer()));
    HistoryStore.Stored nobody =
        HistoryStore.readCounted(store, 1L, "history", topic.valueSerde().deserializer());
    assertThat(nobody.events()).isZero();
    assertThat(nobody.history().getSKIDCURR()).isEqualTo(1L);
  }
}
