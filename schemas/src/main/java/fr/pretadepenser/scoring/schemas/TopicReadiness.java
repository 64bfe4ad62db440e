package fr.pretadepenser.scoring.schemas;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Waits until topics take writes, not merely until they exist.
 *
 * <p>A leader in a topic's description is not enough: a broker publishes new metadata before its
 * replica manager has opened the partition, and a produce request in between gets
 * NOT_LEADER_OR_FOLLOWER. An idempotent producer then retries its first batch of the partition
 * while later in-flight batches have landed, and the broker refuses the retry as out of sequence
 * until the delivery timeout: every record of the batch is lost to the caller (seen in CI, the
 * replay losing 415 history events after 120 s, and in 1 run of 3 of that test here). A ListOffsets
 * request is served by the same replica manager, so each partition's leader answering it means the
 * partition is open for writes.
 */
public final class TopicReadiness {

  private TopicReadiness() {}

  /**
   * Blocks until every partition of {@code names} answers a ListOffsets request from its leader.
   *
   * @throws TimeoutException when they do not within {@code timeout}
   * @throws ExecutionException on a non-retriable error (a topic that does not exist, no access)
   */
  public static void awaitWritable(Admin admin, Collection<String> names, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        Map<String, TopicDescription> described =
            admin
                .describeTopics(names)
                .allTopicNames()
                .get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        described.forEach(
            (name, d) ->
                d.partitions()
                    .forEach(
                        p ->
                            partitions.put(
                                new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        admin.listOffsets(partitions).all().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        // Unknown topic right after creation and no leader yet are retriable: "not yet".
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  private static long remainingMs(long deadline) throws TimeoutException {
    long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (ms <= 0) {
      throw new TimeoutException("topics not writable in time");
    }
    return ms;
  }
}
