package fr.pretadepenser.scoring.schemas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The project's one administration of topics: which exist, with how many partitions, creating those
 * missing (partitions, replication and per-topic configs as a {@link NewTopic}, e.g. {@link
 * Topic#newTopic}), checking existing topics' configs against the catalogue ({@link
 * #configMismatches}), and waiting until topics take writes. The broker's {@code ProjectTopics},
 * the scorer's start-up check and the ingest's preflight decide what to create or require, and word
 * their own errors; this class does the talking to Kafka for all of them.
 *
 * <pre>{@code
 * try (TopicAdmin admin = TopicAdmin.connect("localhost:9092", Duration.ofSeconds(30))) {
 *   List<String> absent = admin.absent(List.of(topics.loanApplications().name()));
 *   admin.create(List.of(new NewTopic("x", 3, (short) 1)));   // returns once "x" takes writes
 * }
 * }</pre>
 *
 * <p>Every call is bounded by the timeout given to {@link #connect}, and throws Kafka's own
 * failures as they come ({@link ExecutionException} with the cause, {@link TimeoutException}), so
 * that each caller keeps its messages.
 *
 * <p>Created or existing is not yet writable: a leader in a topic's description is not enough. A
 * broker publishes new metadata before its replica manager has opened the partition, and a produce
 * request in between gets NOT_LEADER_OR_FOLLOWER. An idempotent producer then retries its first
 * batch of the partition while later in-flight batches have landed, and the broker refuses the
 * retry as out of sequence until the delivery timeout: every record of the batch is lost to the
 * caller (seen in CI, the replay losing 415 history events after 120 s, and in 1 run of 3 of that
 * test here). A ListOffsets request is served by the same replica manager, so each partition's
 * leader answering it means the partition is open for writes ({@link #awaitWritable}).
 */
public final class TopicAdmin implements AutoCloseable {

  private final Admin admin;
  private final Duration timeout;

  private TopicAdmin(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * An admin client on {@code bootstrapServers} whose calls, and each request, take at most {@code
   * timeout}.
   *
   * @throws org.apache.kafka.common.KafkaException when the address itself is unusable (no
   *     resolvable bootstrap URL, invalid URL)
   */
  public static TopicAdmin connect(String bootstrapServers, Duration timeout) {
    return connect(bootstrapServers, timeout, timeout);
  }

  /**
   * As {@link #connect(String, Duration)}, with a shorter bound on each request than on a call (its
   * retries included).
   */
  public static TopicAdmin connect(
      String bootstrapServers, Duration timeout, Duration requestTimeout) {
    return new TopicAdmin(
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) requestTimeout.toMillis())),
        timeout);
  }

  /** Blocks until the cluster answers with its nodes: Kafka is there. */
  public void awaitCluster() throws InterruptedException, ExecutionException, TimeoutException {
    admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The names of the topics that exist. */
  public Set<String> names() throws InterruptedException, ExecutionException, TimeoutException {
    return admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Those of {@code required} that do not exist, in their order. */
  public List<String> absent(Collection<String> required)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = names();
    return required.stream().filter(name -> !existing.contains(name)).toList();
  }

  /**
   * The partition count of each of {@code names} that exists, in their order; absent ones left out.
   */
  public Map<String, Integer> partitionCounts(Collection<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = names();
    List<String> present = names.stream().filter(existing::contains).toList();
    Map<String, Integer> counts = new LinkedHashMap<>();
    if (present.isEmpty()) {
      return counts;
    }
    Map<String, TopicDescription> described = describe(present);
    for (String name : present) {
      counts.put(name, described.get(name).partitions().size());
    }
    return counts;
  }

  /**
   * A topic config that differs from the catalogue's ({@link Topic#configs()}).
   *
   * @param topic topic name
   * @param config Kafka config name, e.g. {@code retention.ms}
   * @param expected the catalogue's value
   * @param actual the topic's value on the cluster (its own or the broker's default)
   */
  public record ConfigMismatch(String topic, String config, String expected, String actual) {

    /** One line for a log: topic, config, expected and actual, and how to fix it. */
    public String message() {
      return "topic "
          + topic
          + " has "
          + config
          + "="
          + actual
          + " where the topic catalogue expects "
          + expected
          + " (kafka-configs --alter --entity-type topics --entity-name "
          + topic
          + " --add-config "
          + config
          + "="
          + expected
          + ")";
    }
  }

  /**
   * The configs of each of {@code names} that exists (every config, the broker's defaults
   * included), in their order; absent ones left out.
   */
  public Map<String, Map<String, String>> configs(Collection<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = names();
    List<ConfigResource> resources =
        names.stream()
            .filter(existing::contains)
            .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
            .toList();
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    if (resources.isEmpty()) {
      return out;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<ConfigResource, Config> described;
    while (true) {
      try {
        described =
            admin
                .describeConfigs(resources)
                .all()
                .get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        break;
      } catch (ExecutionException e) {
        retryOrThrow(e, deadline);
      }
    }
    for (ConfigResource r : resources) {
      Map<String, String> values = new LinkedHashMap<>();
      for (ConfigEntry e : described.get(r).entries()) {
        values.put(e.name(), e.value());
      }
      out.put(r.name(), values);
    }
    return out;
  }

  /**
   * Where the existing ones of {@code topics} differ from their catalogue configs (for {@code
   * replication} replicas, see {@link Topic#configsFor}); absent topics are not checked. Deciding
   * whether a mismatch stops a start or is a warning is the caller's.
   */
  public List<ConfigMismatch> configMismatches(Collection<? extends Topic<?, ?>> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, Map<String, String>> actual =
        configs(topics.stream().map(Topic::name).distinct().toList());
    List<ConfigMismatch> mismatches = new ArrayList<>();
    for (Topic<?, ?> topic : topics) {
      Map<String, String> has = actual.get(topic.name());
      if (has == null) {
        continue;
      }
      topic
          .configs()
          .forEach(
              (config, expected) -> {
                String value = has.get(config);
                if (!expected.equals(value)) {
                  mismatches.add(
                      new ConfigMismatch(
                          topic.name(), config, expected, value == null ? "(unset)" : value));
                }
              });
    }
    return mismatches;
  }

  /**
   * Creates {@code topics} and returns once every one of them takes writes. A topic that another
   * client created meanwhile (another scorer instance, the ingest) is not an error.
   *
   * @return the names this call created, in the order given
   */
  public List<String> create(Collection<NewTopic> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (topics.isEmpty()) {
      return List.of();
    }
    Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
    List<String> created = new ArrayList<>();
    for (NewTopic topic : topics) {
      try {
        results.get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        created.add(topic.name());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    // Creation returns once the controller has the topic; wait until its leaders take writes.
    awaitWritable(topics.stream().map(NewTopic::name).toList());
    return List.copyOf(created);
  }

  /**
   * Blocks until every partition of {@code names} answers a ListOffsets request from its leader.
   *
   * @throws TimeoutException when they do not within the timeout
   * @throws ExecutionException on a non-retriable error (a topic that does not exist, no access)
   */
  public void awaitWritable(Collection<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
      describe(names, deadline)
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
  public Map<String, TopicDescription> describe(Collection<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    return describe(names, System.nanoTime() + timeout.toNanos());
  }

  private Map<String, TopicDescription> describe(Collection<String> names, long deadline)
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

  @Override
  public void close() {
    admin.close();
  }
}
