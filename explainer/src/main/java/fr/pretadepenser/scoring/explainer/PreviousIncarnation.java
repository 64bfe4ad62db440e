package fr.pretadepenser.scoring.explainer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an explainer instance clears away around its own life: at start, the open transactions a
 * previous run killed with -9 left under its transactional ids; at a clean stop under static
 * membership, its own members, so that the others take its partitions at once.
 *
 * <p>Why fence at start rather than let the first producer do it: a consumer of the group asking
 * for offsets that an open transaction holds is told they are unstable and asks again, until the
 * transaction ends. The container creates its producer only once a poll returned records, so a
 * restarted explainer would wait for the dead transaction's timeout before it could fence it. The
 * scorer's {@code StaleIncarnation} does the same for Kafka Streams.
 *
 * <p>Neither step may stop the start or the stop: when the cluster does not answer in time, the
 * timeouts (transaction, session) still end what is left, so a failure is logged and the start goes
 * on.
 */
final class PreviousIncarnation {

  private static final Logger LOG = LoggerFactory.getLogger(PreviousIncarnation.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private PreviousIncarnation() {}

  static Admin admin(ExplainerConfig config) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            config.bootstrap(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) TIMEOUT.toMillis()));
  }

  /**
   * Fences every transactional id of this instance ({@link ExplainerConfig#transactionalIds()}):
   * any transaction a previous run left open under them is aborted now. Safe because no other live
   * instance may use the same prefix (the configuration's rule); a first start fences ids nobody
   * used, which costs one round trip.
   *
   * @return whether the fence succeeded (the reason of a failure is logged)
   */
  static boolean fenceTransactions(Admin admin, ExplainerConfig config) {
    List<String> ids = config.transactionalIds();
    long start = System.nanoTime();
    try {
      admin.fenceProducers(ids).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info(
          "fenced transactional ids {} in {} ms: any transaction a previous run left open under"
              + " them is aborted",
          ids,
          (System.nanoTime() - start) / 1_000_000);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn(
          "could not fence transactional ids {} ({}); a previous run's open transaction, if any,"
              + " ends at its timeout",
          ids,
          e.getCause() == null ? e.toString() : e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /**
   * The group instance ids of this instance's consumers: {@code instanceId-0} to {@code
   * instanceId-(concurrency-1)} (the container appends the thread's index), or none without an
   * instance id.
   */
  static List<String> memberInstanceIds(ExplainerConfig config) {
    if (config.instanceId() == null) {
      return List.of();
    }
    return java.util.stream.IntStream.range(0, config.concurrency())
        .mapToObj(i -> config.instanceId() + "-" + i)
        .toList();
  }

  /**
   * Removes this instance's static members from the group (a static member does not leave the group
   * when its consumer closes, so that a quick restart keeps its partitions; after a clean stop the
   * others should take them at once instead of after the session timeout).
   *
   * @return the instance ids removed
   */
  static List<String> removeMembers(Admin admin, ExplainerConfig config) {
    Set<String> own = Set.copyOf(memberInstanceIds(config));
    if (own.isEmpty()) {
      return List.of();
    }
    String group = config.groupId();
    try {
      List<String> present =
          admin
              .describeConsumerGroups(List.of(group))
              .describedGroups()
              .get(group)
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .members()
              .stream()
              .map(MemberDescription::groupInstanceId)
              .flatMap(Optional::stream)
              .filter(own::contains)
              .sorted()
              .toList();
      if (present.isEmpty()) {
        return present;
      }
      admin
          .removeMembersFromConsumerGroup(
              group,
              new RemoveMembersFromConsumerGroupOptions(
                  present.stream().map(MemberToRemove::new).toList()))
          .all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("removed {} from group {}: the others take its partitions now", present, group);
      return present;
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        LOG.warn(
            "could not remove {} from group {} ({}); they leave at their session timeout",
            own,
            group,
            e.getCause().toString());
      }
    } catch (TimeoutException e) {
      LOG.warn(
          "group {} did not answer in {}; {} leave at their session timeout", group, TIMEOUT, own);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return List.of();
  }
}
