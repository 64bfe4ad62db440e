package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.schemas.ClientHistories;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One task's recently used client histories, decoded, so that an application arriving shortly after
 * its client's history (the usual flow) does not read and decode every event back from the store.
 * Reading back costs about 5 µs per event, several times the feature computation.
 *
 * <p>An entry is only ever a copy of the store: it holds the client's first {@code count} events.
 * An append at another sequence than {@code count} drops the entry instead of extending it, and the
 * whole cache is cleared whenever the task is (re)initialised or closed, i.e. whenever the store
 * may have been restored from its changelog (a transaction aborted). Entries are built from the
 * store on a miss, or from the first event of a client the store has nothing for.
 *
 * <p>Bounded by the number of events held (least recently used clients go first); one per task,
 * used by the task's stream thread only.
 */
final class HistoryCache {

  private static final class Entry {
    final ClientHistory history;
    long count;

    Entry(ClientHistory history, long count) {
      this.history = history;
      this.count = count;
    }
  }

  private final long maxEvents;
  private final LinkedHashMap<Long, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
  private long events;

  /**
   * @param maxEvents events held at most; 0 disables the cache
   */
  HistoryCache(long maxEvents) {
    this.maxEvents = maxEvents;
  }

  /**
   * The cached history of {@code clientId} and its event count, from one lookup, or null. Trusted
   * without a look at the store: the owning processor is the store's only writer and tells this
   * cache of every append, and the cache is cleared whenever the task is (re)initialised, i.e.
   * whenever the store may have been restored behind its back.
   */
  HistoryStore.Stored get(long clientId) {
    Entry entry = entries.get(clientId);
    return entry == null ? null : new HistoryStore.Stored(entry.history, entry.count);
  }

  /** The number of stored events of a cached client (its next sequence), or -1 if not cached. */
  long count(long clientId) {
    Entry entry = entries.get(clientId);
    return entry == null ? -1 : entry.count;
  }

  /**
   * The cached history of {@code clientId} if it holds exactly the store's {@code storeCount}
   * events, else null (and a stale entry is dropped).
   */
  ClientHistory get(long clientId, long storeCount) {
    Entry entry = entries.get(clientId);
    if (entry == null) {
      return null;
    }
    if (entry.count != storeCount) {
      remove(clientId);
      return null;
    }
    return entry.history;
  }

  /** Caches a history just read from the store, which held {@code count} events. */
  void put(long clientId, ClientHistory history, long count) {
    if (count > maxEvents) {
      return;
    }
    remove(clientId);
    entries.put(clientId, new Entry(history, count));
    events += count;
    evict();
  }

  /** The store has just appended {@code event} at {@code sequence} for {@code clientId}. */
  void appended(long clientId, long sequence, ClientHistoryEvent event) {
    if (maxEvents == 0) {
      return;
    }
    Entry entry = entries.get(clientId);
    if (entry == null) {
      if (sequence != 0) {
        return; // the store knows earlier events this cache does not: wait for a read
      }
      entry = new Entry(ClientHistories.empty(clientId), 0);
      entries.put(clientId, entry);
    } else if (entry.count != sequence) {
      remove(clientId);
      return;
    }
    ClientHistories.append(entry.history, event);
    entry.count++;
    events++;
    evict();
  }

  void clear() {
    entries.clear();
    events = 0;
  }

  long events() {
    return events;
  }

  int clients() {
    return entries.size();
  }

  private void remove(long clientId) {
    Entry gone = entries.remove(clientId);
    if (gone != null) {
      events -= gone.count;
    }
  }

  private void evict() {
    Iterator<Map.Entry<Long, Entry>> eldest = entries.entrySet().iterator();
    while (events > maxEvents && eldest.hasNext()) {
      events -= eldest.next().getValue().count;
      eldest.remove();
    }
  }
}
