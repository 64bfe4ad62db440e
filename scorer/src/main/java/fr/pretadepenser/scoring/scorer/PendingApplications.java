package fr.pretadepenser.scoring.scorer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applications that wait for the history their sender announced ({@code
 * LoanApplication.history_announced}, or an older sender's {@code history_events}), per client in
 * arrival order.
 *
 * <p>Why waiting is needed at all: Kafka orders records within a partition, and Kafka Streams only
 * tries its best to read two topics in timestamp order, from what it has fetched so far. The demo
 * showed the best failing: while a large history was still being read, some applications were
 * decided on part of their client's history. An explicit count from the sender is a condition the
 * scorer can check, whatever the fetch timing.
 *
 * <p>The store (changelogged, so a restarted task resumes waiting instead of forgetting) holds key
 * = client id + source offset (the history store's key layout, {@link HistoryKeys}: a client's
 * applications are contiguous and in order), value = the time the scorer first read the application
 * + its announced count + its headers + its original bytes (see {@link #encode}). This class also
 * keeps them in memory: they are few (applications whose history is in flight), and the history
 * path asks "does this client wait?" for every event, which must not cost a RocksDB seek.
 *
 * <p>Bounded per client and in total ({@link ScorerConfig.Limits}): {@link #roomFor} says whether
 * one more may wait; the processor decides at once what cannot wait, so neither the store nor the
 * memory grows with a forged announcement or a sender that never sends the history.
 */
final class PendingApplications {

  /**
   * One waiting application.
   *
   * @param expected the older senders' total ({@code history_events}), stored for compatibility
   *     with entries written before {@code history_announced}
   * @param announcement what it waits for, re-read from the application's bytes after a restore
   */
  record Waiting(
      long clientId,
      long offset,
      long receivedAt,
      Integer expected,
      Announcement announcement,
      byte[] application,
      Header[] headers,
      long waitingSince) {}

  private final KeyValueStore<Bytes, byte[]> store;
  private final Map<Long, ArrayDeque<Waiting>> byClient = new HashMap<>();
  private final int maxPerClient;
  private final int maxTotal;
  private int size;

  /**
   * Reads back what the store holds (after a restore, say), all of it waiting from {@code now}: the
   * wait limit counts the time this instance has spent waiting, so a restart during a history fold
   * does not release applications whose history is about to be read again.
   */
  PendingApplications(
      KeyValueStore<Bytes, byte[]> store,
      long now,
      Function<byte[], Announcement> announcement,
      int maxPerClient,
      int maxTotal) {
    this.store = store;
    this.maxPerClient = maxPerClient;
    this.maxTotal = maxTotal;
    try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, byte[]> entry = all.next();
        long clientId = HistoryKeys.clientId(entry.key);
        long offset = HistoryKeys.sequence(entry.key);
        ByteBuffer value = ByteBuffer.wrap(entry.value);
        long receivedAt = value.getLong();
        int expected = value.getInt();
        Header[] headers = readHeaders(value);
        byte[] application = Arrays.copyOfRange(entry.value, value.position(), entry.value.length);
        enqueue(
            new Waiting(
                clientId,
                offset,
                receivedAt,
                expected < 0 ? null : expected,
                announcement.apply(application),
                application,
                headers,
                now));
      }
    }
  }

  boolean waiting(long clientId) {
    return byClient.containsKey(clientId);
  }

  int size() {
    return size;
  }

  /**
   * Whether one more application of {@code clientId} may wait: fewer than the per-client bound of
   * that client's, and fewer than the total bound in all. (A restore may bring back more than the
   * bounds, if they were lowered: nothing more waits until enough are released.)
   */
  boolean roomFor(long clientId) {
    ArrayDeque<Waiting> q = byClient.get(clientId);
    return size < maxTotal && (q == null || q.size() < maxPerClient);
  }

  void hold(Waiting w) {
    store.put(HistoryKeys.key(w.clientId(), w.offset()), encode(w));
    enqueue(w);
  }

  /**
   * receivedAt (8 bytes), the announced history count (4, -1 for none), the header count (4), each
   * header as key length (4), UTF-8 key, value length (4, -1 for null) and value, then the
   * application's bytes. By hand: Kafka has no public serialiser for headers outside a record
   * batch, and this layout is all a stored entry needs.
   */
  static byte[] encode(Waiting w) {
    List<byte[]> keys = new ArrayList<>(w.headers().length);
    int size = Long.BYTES + 2 * Integer.BYTES + w.application().length;
    for (Header h : w.headers()) {
      byte[] key = h.key().getBytes(StandardCharsets.UTF_8);
      keys.add(key);
      size += 2 * Integer.BYTES + key.length + (h.value() == null ? 0 : h.value().length);
    }
    ByteBuffer value = ByteBuffer.allocate(size);
    value.putLong(w.receivedAt());
    value.putInt(w.expected() == null ? -1 : w.expected()).putInt(w.headers().length);
    for (int i = 0; i < w.headers().length; i++) {
      byte[] v = w.headers()[i].value();
      value.putInt(keys.get(i).length).put(keys.get(i));
      if (v == null) {
        value.putInt(-1);
      } else {
        value.putInt(v.length).put(v);
      }
    }
    return value.put(w.application()).array();
  }

  private static Header[] readHeaders(ByteBuffer value) {
    Header[] headers = new Header[value.getInt()];
    for (int i = 0; i < headers.length; i++) {
      byte[] key = new byte[value.getInt()];
      value.get(key);
      int length = value.getInt();
      byte[] v = null;
      if (length >= 0) {
        v = new byte[length];
        value.get(v);
      }
      headers[i] = new RecordHeader(new String(key, StandardCharsets.UTF_8), v);
    }
    return headers;
  }

  /** The client's oldest waiting application, or null. */
  Waiting head(long clientId) {
    ArrayDeque<Waiting> q = byClient.get(clientId);
    return q == null ? null : q.peekFirst();
  }

  /** Removes the client's oldest waiting application (the one {@link #head} returned). */
  void release(long clientId) {
    ArrayDeque<Waiting> q = byClient.get(clientId);
    Waiting w = q.removeFirst();
    store.delete(HistoryKeys.key(clientId, w.offset()));
    size--;
    if (q.isEmpty()) {
      byClient.remove(clientId);
    }
  }

  /** Clients whose oldest application has waited {@code limitMs} or longer by {@code now}. */
  List<Long> overdue(long now, long limitMs) {
    List<Long> out = new ArrayList<>();
    for (Map.Entry<Long, ArrayDeque<Waiting>> e : byClient.entrySet()) {
      if (now - e.getValue().peekFirst().waitingSince() >= limitMs) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  private void enqueue(Waiting w) {
    byClient.computeIfAbsent(w.clientId(), id -> new ArrayDeque<>(2)).add(w);
    size++;
  }
}
