package fr.pretadepenser.scoring.scorer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a restarted instance clears away before it starts: the open transactions and the group
 * members left behind by its previous run when that run was killed (kill -9, a lost machine).
 *
 * <p>Why: under exactly-once a killed instance's stores are wiped at its restart (Kafka Streams
 * cannot trust uncommitted state), so the fastest way back is not for the restarted instance to
 * take its partitions back, but for the survivor, which holds standby copies, to take them over.
 * Two things stand in the way, and both would otherwise last for a timeout:
 *
 * <ul>
 *   <li>the dead run's open transactions hold back every read_committed reader of the partitions
 *       they wrote to until the broker aborts them ({@code transaction.timeout.ms}, then up to its
 *       abort check interval): {@link #fencingClients} fences each transactional id (the same
 *       across restarts: Kafka Streams derives it from the process id kept in the state folder)
 *       with {@link Admin#fenceProducers} just before its producer is created, which aborts them at
 *       once;
 *   <li>with static membership, the dead run's members stay in the group until their session times
 *       out, and a restarted member with the same {@code group.instance.id} would simply take their
 *       place <em>without</em> a rebalance, keeping its partitions with wiped stores (a full
 *       restore of the changelogs). {@link #evictMembers} removes them, so the group rebalances at
 *       once and hands the partitions to the instance whose standbys are warm; this one joins as a
 *       new member, warms up, and gets its share back at a probing rebalance.
 * </ul>
 *
 * <p>After a clean stop there is nothing to clear (the transaction was committed and the members
 * left the group): both steps then find nothing and cost one round trip each. Neither step may stop
 * the start: if the cluster does not answer in time the timeouts above still apply, so a failure is
 * logged and the start goes on.
 */
final class StaleIncarnation {

  private static final Logger LOG = LoggerFactory.getLogger(StaleIncarnation.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private StaleIncarnation() {}

  /**
   * Kafka Streams' clients, but every transactional producer's id is fenced before the producer is
   * created. Fencing an id that no other live process uses is safe: the state folder is locked by
   * this process, and the id contains the process id kept in it.
   */
  static KafkaClientSupplier fencingClients(Admin admin, List<String> fenced) {
    return new KafkaClientSupplier() {
      @Override
      public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
      }

      @Override
      public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        Object id = config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        if (id != null) {
          fence(admin, id.toString());
          fenced.add(id.toString());
        }
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
      }

      @Override
      public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return consumer(config);
      }

      @Override
      public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return consumer(config);
      }

      @Override
      public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return consumer(config);
      }
    };
  }

  private static Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Fences one transactional id; false if that failed (the reason is logged). */
  private static boolean fence(Admin admin, String transactionalId) {
    long start = System.nanoTime();
    try {
      admin
          .fenceProducers(List.of(transactionalId))
          .all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info(
          "fenced transactional id {} in {} ms: any open transaction of a previous run under it is"
              + " aborted",
          transactionalId,
          (System.nanoTime() - start) / 1_000_000);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn(
          "could not fence transactional id {} ({}); a previous run's open transaction, if any,"
              + " ends at its timeout",
          transactionalId,
          e.getCause() == null ? e.toString() : e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /**
   * Kafka Streams' file in the application's state folder that keeps its process id across restarts
   * (the id is part of the transactional ids). Read here only to fence early; if it is missing or
   * unreadable nothing is lost: the producers are fenced again when they are created.
   */
  static final String PROCESS_FILE = "kafka-streams-process-metadata";

  /**
   * The transactional ids the previous run of this instance used, {@code <application id>-<process
   * id>-<thread>} for this run's thread count, from the process id Kafka Streams left in the state
   * folder; empty when there was no previous run here (or the file cannot be read).
   */
  static List<String> previousTransactionalIds(ScorerConfig config) {
    Path file = config.instanceStateDir().resolve(config.applicationId()).resolve(PROCESS_FILE);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      UUID processId =
          UUID.fromString(new ObjectMapper().readTree(file.toFile()).path("processId").asText());
      return IntStream.rangeClosed(1, config.threads())
          .mapToObj(t -> config.applicationId() + "-" + processId + "-" + t)
          .toList();
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn(
          "cannot read the previous process id from {} ({}); fencing at start instead",
          file,
          e.toString());
      return List.of();
    }
  }

  /**
   * Clears what a previous run of this instance left (see the class comment) before anything slow
   * happens (loading the model bundle, checking topics): with an instance id and a previous run in
   * its state folder only, so that a first start or an unreachable Kafka costs nothing here.
   */
  static void clearPreviousRun(ScorerConfig config) {
    if (config.recovery().instanceId() == null) {
      return;
    }
    List<String> ids = previousTransactionalIds(config);
    if (ids.isEmpty()) {
      return;
    }
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
      for (String id : ids) {
        if (!fence(admin, id)) {
          return; // Kafka is not answering: one wait is enough, the start reports the rest
        }
      }
      evictMembers(admin, config.applicationId(), config.recovery().instanceId());
    }
  }

  /**
   * Removes the members of {@code group} that a previous run of this instance left behind: those
   * whose {@code group.instance.id} is {@code instanceId-<thread index>} (Kafka Streams' naming).
   * The pattern is exact, so instance {@code a} never removes the members of instance {@code a-1}
   * ({@code a-1-1}, with one more dash).
   *
   * @return the instance ids removed
   */
  static List<String> evictMembers(Admin admin, String group, String instanceId) {
    Pattern own = Pattern.compile(Pattern.quote(instanceId) + "-\\d+");
    try {
      ConsumerGroupDescription description =
          admin
              .describeConsumerGroups(List.of(group))
              .describedGroups()
              .get(group)
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      List<String> stale =
          description.members().stream()
              .map(MemberDescription::groupInstanceId)
              .flatMap(java.util.Optional::stream)
              .filter(id -> own.matcher(id).matches())
              .sorted()
              .toList();
      if (stale.isEmpty()) {
        return stale;
      }
      admin
          .removeMembersFromConsumerGroup(
              group,
              new RemoveMembersFromConsumerGroupOptions(
                  stale.stream().map(MemberToRemove::new).toList()))
          .all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info(
          "removed {} left in group {} by a previous run that did not stop cleanly: its"
              + " partitions move now to the instances with standby copies",
          stale,
          group);
      return stale;
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        LOG.warn(
            "could not check group {} for members of a previous run ({}); they leave at their"
                + " session timeout",
            group,
            e.getCause().toString());
      }
    } catch (TimeoutException e) {
      LOG.warn(
          "group {} did not answer in {}; members of a previous run leave at their session"
              + " timeout",
          group,
          TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return List.of();
  }
}
