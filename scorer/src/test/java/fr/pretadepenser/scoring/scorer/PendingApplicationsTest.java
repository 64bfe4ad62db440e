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

  /** The announcement a restore reads back from those bytes: a total, as an older sender's. */
  static Announcement announcement(byte[] application) {
    Integer n = announced(application);
    return n == null ? Announcement.NONE : new Announcement(new int[] {-1, -1, -1, -1, -1}, n);
  }

  PendingApplications pending(long now) {
    return pending(now, 16, 10_000);
  }

  PendingApplications pending(long now, int perClient, int total) {
    return new PendingApplications(
        store, now, PendingApplicationsTest::announcement, perClient, total);
  }

  static Waiting waiting(long client, long offset, String announced, long since) {
    byte[] bytes = announced.getBytes(StandardCharsets.UTF_8);
    return new Waiting(
        client,
        offset,
        1_000 + offset,
        announced(bytes),
        announcement(bytes),
        bytes,
        new Header[0],
        since);
  }

  @Test
  void aRestartReadsBackEveryClientsQueueInOrderWaitingFromTheRestart() {
    PendingApplications before = pending(0);
    before.hold(waiting(7, 12, "40", 5));
    before.hold(waiting(3, 10, "2", 5));
    before.hold(waiting(7, 15, "none", 6));

    PendingApplications after = pending(99_000);

    assertThat(after.size()).isEqualTo(3);
    Waiting head = after.head(7);
    assertThat(head.offset()).isEqualTo(12);
    assertThat(head.receivedAt()).isEqualTo(1_012);
    assertThat(head.expected()).isEqualTo(40);
    assertThat(head.announcement().total()).as("re-read from the application").isEqualTo(40);
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
    PendingApplications before = pending(0);
    Header[] headers = {
      new RecordHeader("traceparent", "00-abc-01".getBytes(StandardCharsets.UTF_8)),
      new RecordHeader("no-value", null),
      new RecordHeader("origine-é", new byte[0])
    };
    byte[] forty = "40".getBytes(StandardCharsets.UTF_8);
    before.hold(new Waiting(7, 12, 1_012, 40, announcement(forty), forty, headers, 5));

    Waiting head = pending(99_000).head(7);

    assertThat(head.headers()).containsExactly(headers);
    assertThat(new String(head.application(), StandardCharsets.UTF_8)).isEqualTo("40");
    assertThat(head.expected()).isEqualTo(40);
    assertThat(head.receivedAt()).isEqualTo(1_012);
  }

  @Test
  void overdueListsTheClientsWhoseOldestApplicationWaitedTheLimit() {
    PendingApplications pending = pending(0);
    pending.hold(waiting(1, 1, "5", 1_000));
    pending.hold(waiting(2, 2, "5", 4_000));
    pending.hold(waiting(1, 3, "5", 9_000));

    assertThat(pending.overdue(6_000, 5_000)).containsExactly(1L);
    assertThat(pending.overdue(9_000, 5_000)).containsExactlyInAnyOrder(1L, 2L);
    assertThat(pending.overdue(5_999, 5_000)).isEmpty();
  }

  @Test
  void roomForAnotherIsBoundedPerClientAndInTotalAndFreedByARelease() {
    PendingApplications pending = pending(0, 2, 3);
    pending.hold(waiting(1, 1, "5", 0));
    pending.hold(waiting(1, 2, "5", 0));
    assertThat(pending.roomFor(1)).as("client 1 has its 2").isFalse();
    assertThat(pending.roomFor(2)).isTrue();
    pending.hold(waiting(2, 3, "5", 0));
    assertThat(pending.roomFor(3)).as("3 wait in all").isFalse();
    assertThat(pending.size()).isEqualTo(3);

    pending.release(1);

    assertThat(pending.size()).isEqualTo(2);
    assertThat(pending.roomFor(1)).isTrue();
    assertThat(pending.roomFor(3)).isTrue();
  }
}
