package fr.pretadepenser.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.schemas.ClientHistories;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache only ever answers with exactly what the store holds. */
class HistoryCacheTest {

  final Applicant applicant = SampleData.withFullHistory();
  final long id = applicant.clientId();
  final List<ClientHistoryEvent> events = SampleData.events(applicant.history());

  void appendAll(HistoryCache cache, long client, List<ClientHistoryEvent> list) {
    for (int i = 0; i < list.size(); i++) {
      cache.appended(client, i, list.get(i));
    }
  }

  @Test
  void eventsAppendedFromTheFirstGiveTheBatchHistory() {
    HistoryCache cache = new HistoryCache(10_000);
    appendAll(cache, id, events);
    assertThat(cache.get(id, events.size())).isEqualTo(applicant.history());
    assertThat(cache.events()).isEqualTo(events.size());
  }

  @Test
  void aClientFirstSeenMidHistoryIsNotCachedUntilRead() {
    HistoryCache cache = new HistoryCache(10_000);
    cache.appended(id, 5, events.get(5));
    assertThat(cache.clients()).isZero();
    assertThat(cache.get(id, 6)).isNull();
  }

  @Test
  void anEntryThatDisagreesWithTheStoreCountIsDropped() {
    HistoryCache cache = new HistoryCache(10_000);
    appendAll(cache, id, events.subList(0, 3));
    // The store has fewer events (it was restored without an aborted transaction's appends).
    assertThat(cache.get(id, 2)).isNull();
    assertThat(cache.clients()).isZero();
    assertThat(cache.events()).isZero();
  }

  @Test
  void anAppendThatDoesNotFollowTheEntryDropsIt() {
    HistoryCache cache = new HistoryCache(10_000);
    appendAll(cache, id, events.subList(0, 3));
    cache.appended(id, 7, events.get(7));
    assertThat(cache.clients()).isZero();
  }

  @Test
  void aHistoryReadFromTheStoreIsServedWhileTheCountHolds() {
    HistoryCache cache = new HistoryCache(10_000);
    ClientHistory read = applicant.history();
    cache.put(id, read, events.size());
    assertThat(cache.get(id, events.size())).isSameAs(read);
    assertThat(cache.get(id, events.size() + 1)).isNull();
  }

  @Test
  void leastRecentlyUsedClientsGoFirstAndOversizedOnesNeverEnter() {
    HistoryCache cache = new HistoryCache(10);
    List<ClientHistoryEvent> a = SampleData.events(historyOf(1, 4));
    List<ClientHistoryEvent> b = SampleData.events(historyOf(2, 4));
    List<ClientHistoryEvent> c = SampleData.events(historyOf(3, 4));
    appendAll(cache, 1, a);
    appendAll(cache, 2, b);
    assertThat(cache.get(1, 4)).isNotNull(); // 1 is now more recent than 2
    appendAll(cache, 3, c);
    assertThat(cache.get(2, 4)).isNull();
    assertThat(cache.get(1, 4)).isNotNull();
    assertThat(cache.get(3, 4)).isNotNull();
    assertThat(cache.events()).isEqualTo(8);

    cache.put(9, applicant.history(), events.size());
    assertThat(cache.get(9, events.size())).isNull();
  }

  @Test
  void sizeZeroCachesNothing() {
    HistoryCache cache = new HistoryCache(0);
    appendAll(cache, id, events);
    cache.put(id, applicant.history(), events.size());
    assertThat(cache.clients()).isZero();
  }

  /** A client with {@code n} instalments taken from the rich applicant. */
  ClientHistory historyOf(long client, int n) {
    ClientHistory h = ClientHistories.empty(client);
    h.getInstalments().addAll(applicant.history().getInstalments().subList(0, n));
    return h;
  }
}
