package fr.pretadepenser.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.scorer.PendingApplications.Waiting;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The waiting list over its store: what a restarted task reads back (the store itself is restored
 * from its changelog by Kafka Streams).
 */
class PendingApplicationsTest {

  KeyValueStore<Bytes, byte[]> store;

  @BeforeEach
  void store() {
    store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("pending"), Serdes.Bytes(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  /** The "application" bytes here are its announced count as text. */
  static Integer announced(byte[] application) {
    String s = new String(application, StandardCharsets.UTF_8);
    return s.equals("none") ? null : Integer.valueOf(s);
  }

  static Waiting waiting(long client, long offset, String announced, long since) {
    return new Waiting(
        client,
        offset,
        1_000 + offset,
        announced(announced.getBytes(StandardCharsets.UTF_8)),
        announced.getBytes(StandardCharsets.UTF_8),
        new Header[0],
        since);
  }

  @Test
  void aRestartReadsBackEveryClientsQueueInOrderWaitingFromTheRestart() {
    PendingApplications before = new PendingApplications(store, 0);
    before.hold(waiting(7, 12, "40", 5));
    before.hold(waiting(3, 10, "2", 5));
    before.hold(waiting(7, 15, "none", 6));

    PendingApplications after = new PendingApplications(store, 99_000);

    assertThat(after.size()).isEqualTo(3);
    Waiting head = after.head(7);
    assertThat(head.offset()).isEqualTo(12);
    assertThat(head.receivedAt()).isEqualTo(1_012);
    assertThat(head.expected()).isEqualTo(40);
    assertThat(head.waitingSince()).isEqualTo(99_000);
    after.release(7);
    assertThat(after.head(7).offset()).isEqualTo(15);
    assertThat(after.head(7).expected()).isNull();
    after.release(7);
    assertThat(after.waiting(7)).isFalse();
    assertThat(after.head(3).expected()).isEqualTo(2);
    assertThat(store.approximateNumEntries()).isEqualTo(1);
  }

  @Test
  void aRestartReadsBackTheApplicationsHeadersNullValuesAndNonAsciiKeysIncluded() {
    PendingApplications before = new PendingApplications(store, 0);
    Header[] headers = {
      new RecordHeader("traceparent", "00-abc-01".getBytes(StandardCharsets.UTF_8)),
      new RecordHeader("no-value", null),
      new RecordHeader("origine-é", new byte[0])
    };
    before.hold(new Waiting(7, 12, 1_012, 40, "40".getBytes(StandardCharsets.UTF_8), headers, 5));

    Waiting head = new PendingApplications(store, 99_000).head(7);

    assertThat(head.headers()).containsExactly(headers);
    assertThat(new String(head.application(), StandardCharsets.UTF_8)).isEqualTo("40");
    assertThat(head.expected()).isEqualTo(40);
    assertThat(head.receivedAt()).isEqualTo(1_012);
  }

  @Test
  void overdueListsTheClientsWhoseOldestApplicationWaitedTheLimit() {
    PendingApplications pending = new PendingApplications(store, 0);
    pending.hold(waiting(1, 1, "5", 1_000));
    pending.hold(waiting(2, 2, "5", 4_000));
    pending.hold(waiting(1, 3, "5", 9_000));

    assertThat(pending.overdue(6_000, 5_000)).containsExactly(1L);
    assertThat(pending.overdue(9_000, 5_000)).containsExactlyInAnyOrder(1L, 2L);
    assertThat(pending.overdue(5_999, 5_000)).isEmpty();
  }
}
