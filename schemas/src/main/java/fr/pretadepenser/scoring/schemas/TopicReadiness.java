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
      Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
      describe(admin, names, deadline)
          .forEach(
              (name, d) ->
                  d.partitions()
                      .forEach(
                          p ->
                              partitions.put(
                                  new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      try {
        admin.listOffsets(partitions).all().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        retryOrThrow(e, deadline);
      }
    }
  }

  /**
   * The topics' descriptions. A broker may not yet know a topic the controller has just created
   * (UnknownTopicOrPartitionException right after creation, or for a topic another client had just
   * created): that and other retriable errors mean "not yet", so it asks again until the timeout.
   */
  public static Map<String, TopicDescription> describe(
      Admin admin, Collection<String> names, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return describe(admin, names, System.nanoTime() + timeout.toNanos());
  }

  private static Map<String, TopicDescription> describe(
      Admin admin, Collection<String> names, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    while (true) {
      try {
        return admin
            .describeTopics(names)
            .allTopicNames()
            .get(remainingMs(deadline), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        retryOrThrow(e, deadline);
      }
    }
  }

  private static void retryOrThrow(ExecutionException e, long deadline)
      throws ExecutionException, InterruptedException {
    if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
      throw e;
    }
    Thread.sleep(20);
  }

  private static long remainingMs(long deadline) throws TimeoutException {
    long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (ms <= 0) {
      throw new TimeoutException("topics not writable in time");
    }
    return ms;
  }
}
