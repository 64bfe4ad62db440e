package fr.pretadepenser.scoring.scorer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the restoration of each store partition from its changelog: when it starts (how many records
 * to read), progress every {@value #PROGRESS_EVERY_MS} ms while it lasts, and when it ends (records
 * and time). A restore is where a restarted or failed-over instance spends its time before it
 * decides again, so an operator must be able to see it and how far it has got; the changelog
 * offsets say how much is left.
 *
 * <p>Kafka Streams calls it from its restoring thread(s), one partition at a time each; the map is
 * concurrent because several threads may restore at once.
 */
final class RestoreLog implements StateRestoreListener {

  private static final Logger LOG = LoggerFactory.getLogger(RestoreLog.class);
  static final long PROGRESS_EVERY_MS = 5_000;

  /** Restores in progress, bounded by the store partitions this instance holds. */
  private final Map<TopicPartition, Progress> running = new ConcurrentHashMap<>();

  private static final class Progress {
    final long startNanos = System.nanoTime();
    final long toRestore;
    long restored;
    long lastLogNanos = startNanos;

    Progress(long toRestore) {
      this.toRestore = toRestore;
    }
  }

  @Override
  public void onRestoreStart(
      TopicPartition changelog, String store, long startingOffset, long endingOffset) {
    long toRestore = Math.max(0, endingOffset - startingOffset);
    running.put(changelog, new Progress(toRestore));
    LOG.info(
        "restoring store {} partition {}: up to {} records of {} (offsets {} to {})",
        store,
        changelog.partition(),
        toRestore,
        changelog.topic(),
        startingOffset,
        endingOffset);
  }

  @Override
  public void onBatchRestored(
      TopicPartition changelog, String store, long batchEndOffset, long numRestored) {
    Progress p = running.get(changelog);
    if (p == null) {
      return;
    }
    p.restored += numRestored;
    long now = System.nanoTime();
    if (now - p.lastLogNanos >= PROGRESS_EVERY_MS * 1_000_000) {
      p.lastLogNanos = now;
      LOG.info(
          "restoring store {} partition {}: {} of up to {} records in {} ms",
          store,
          changelog.partition(),
          p.restored,
          p.toRestore,
          (now - p.startNanos) / 1_000_000);
    }
  }

  @Override
  public void onRestoreEnd(TopicPartition changelog, String store, long totalRestored) {
    Progress p = running.remove(changelog);
    long ms = p == null ? -1 : (System.nanoTime() - p.startNanos) / 1_000_000;
    LOG.info(
        "restored store {} partition {}: {} records in {} ms",
        store,
        changelog.partition(),
        totalRestored,
        ms);
  }

  @Override
  public void onRestoreSuspended(TopicPartition changelog, String store, long totalRestored) {
    Progress p = running.remove(changelog);
    LOG.info(
        "restore of store {} partition {} suspended after {} records in {} ms (the task moved)",
        store,
        changelog.partition(),
        totalRestored,
        p == null ? -1 : (System.nanoTime() - p.startNanos) / 1_000_000);
  }
}
