package fr.pretadepenser.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class HistoryKeysTest {

  @Test
  void roundTrips() {
    Bytes key = HistoryKeys.key(100002L, 41L);
    assertThat(key.get()).hasSize(HistoryKeys.LENGTH);
    assertThat(HistoryKeys.clientId(key)).isEqualTo(100002L);
    assertThat(HistoryKeys.sequence(key)).isEqualTo(41L);
  }

  @Test
  void aClientsKeysSortInSequenceOrderAndBetweenItsBounds() {
    // Bytes compare as unsigned bytes, as RocksDB does.
    List<Long> clients = List.of(-1L, 0L, 1L, 255L, 256L, 100002L, Long.MAX_VALUE, Long.MIN_VALUE);
    for (long client : clients) {
      List<Bytes> keys = new ArrayList<>();
      for (long seq : new long[] {0, 1, 255, 256, 65_536, Long.MAX_VALUE}) {
        keys.add(HistoryKeys.key(client, seq));
      }
      assertThat(keys).isSorted();
      for (Bytes k : keys) {
        assertThat(k.compareTo(HistoryKeys.first(client))).isGreaterThanOrEqualTo(0);
        assertThat(k.compareTo(HistoryKeys.last(client))).isLessThanOrEqualTo(0);
      }
      for (long other : clients) {
        if (other != client) {
          Bytes k = HistoryKeys.key(other, 7);
          boolean inside =
              k.compareTo(HistoryKeys.first(client)) >= 0
                  && k.compareTo(HistoryKeys.last(client)) <= 0;
          assertThat(inside).as("key of %d inside the range of %d", other, client).isFalse();
        }
      }
    }
  }
}
