package fr.pretadepenser.scoring.scorer;

import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the history store: the client id then a per-client sequence number, both big-endian
 * longs. RocksDB orders keys by unsigned bytes, so one client's events are contiguous and in
 * arrival order, and one range scan reads them back in that order.
 *
 * <p>A sequence number rather than the source offset: offsets restart when a topic is recreated and
 * interleave when a client's events move to another partition, and either would reorder a client's
 * history. Sequences start at 0, so they stay non-negative and sort numerically.
 */
final class HistoryKeys {

  static final int LENGTH = 2 * Long.BYTES;

  private HistoryKeys() {}

  static Bytes key(long clientId, long sequence) {
    return Bytes.wrap(ByteBuffer.allocate(LENGTH).putLong(clientId).putLong(sequence).array());
  }

  /** The smallest key of {@code clientId} (inclusive range bound). */
  static Bytes first(long clientId) {
    return key(clientId, 0L);
  }

  /** The largest key of {@code clientId} (inclusive range bound). */
  static Bytes last(long clientId) {
    return key(clientId, Long.MAX_VALUE);
  }

  static long clientId(Bytes key) {
    return ByteBuffer.wrap(key.get()).getLong(0);
  }

  static long sequence(Bytes key) {
    return ByteBuffer.wrap(key.get()).getLong(Long.BYTES);
  }
}
