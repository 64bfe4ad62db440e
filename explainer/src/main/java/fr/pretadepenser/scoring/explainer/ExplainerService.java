package fr.pretadepenser.scoring.explainer;

import fr.pretadepenser.scoring.explain.DecisionExplainer;
import fr.pretadepenser.scoring.explain.InvariantWatch;
import fr.pretadepenser.scoring.explain.PathToApproval;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.transaction.KafkaTransactionManager;

/**
 * The streaming explainer: reads {@code loan-decisions} with read_committed isolation, explains
 * each decision, and writes {@code loan-decisions-explained} (or {@code scoring-dlq}) in the same
 * Kafka transaction as the consumed offsets, with spring-kafka's transactional listener container
 * (exactly-once consume-transform-produce, EOS v2). Built by hand rather than by Spring Boot's
 * auto-configuration: one container, one producer factory and one template are the whole context,
 * and the command line starts it next to other subcommands.
 *
 * <p>Recovery after a kill -9 ({@link ExplainerConfig} has the timeline): a starting instance
 * fences its transactional ids first, so a transaction its killed predecessor left open is aborted
 * at once instead of after its timeout; with an instance id it rejoins as the same static member
 * and gets its partitions back without a rebalance.
 *
 * <p>Metrics (Micrometer): {@code explainer.invariant.max.error} (gauge, the largest |base + Σ −
 * logit(p)| seen), {@code explainer.invariant.checks} and {@code explainer.invariant.violations},
 * {@code explainer.decisions.explained}, {@code explainer.decisions.dead.lettered} by stage, {@code
 * explainer.path.to.approval} by outcome (found, none, failed).
 */
public final class ExplainerService implements AutoCloseable {

  private final ConcurrentMessageListenerContainer<byte[], byte[]> container;
  private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
  private final Admin admin;
  private final ExplainerConfig config;

  /**
   * Records explained in one transaction at most (the consumer's {@code max.poll.records}; its
   * default is 500).
   */
  public static final int MAX_POLL_RECORDS = 100;

  private ExplainerService(
      ConcurrentMessageListenerContainer<byte[], byte[]> container,
      DefaultKafkaProducerFactory<byte[], byte[]> producers,
      Admin admin,
      ExplainerConfig config) {
    this.container = container;
    this.producers = producers;
    this.admin = admin;
    this.config = config;
  }

  /**
   * Starts consuming without paths to approval (explained decisions carry no counterfactual): the
   * tests of the stream alone.
   */
  public static ExplainerService start(
      ExplainerConfig config, DecisionExplainer explainer, MeterRegistry registry) {
    return start(config, explainer, null, registry);
  }

  /**
   * Starts consuming; decisions already on the topic are explained from the group's offsets, and
   * each refusal that carries its application gets its path to approval.
   *
   * @param paths on the same bundle as {@code explainer}; null for none
   */
  public static ExplainerService start(
      ExplainerConfig config,
      DecisionExplainer explainer,
      PathToApproval paths,
      MeterRegistry registry) {
    bindInvariant(explainer.invariant(), registry);

    Map<String, Object> producerProps = new HashMap<>();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    producerProps.put(
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) config.transactionTimeoutMs());
    DefaultKafkaProducerFactory<byte[], byte[]> producers =
        new DefaultKafkaProducerFactory<>(
            producerProps, new ByteArraySerializer(), new ByteArraySerializer());
    producers.setTransactionIdPrefix(config.transactionIdPrefix());
    // A fixed set of suffixes (0 .. concurrency - 1), reused when a producer is closed after an
    // error, instead of a counter that grows with every new producer: a restarted instance then
    // knows every transactional id its previous run may have left a transaction open under.
    producers.setTransactionIdSuffixStrategy(
        new DefaultTransactionIdSuffixStrategy(config.concurrency()));
    KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(producers);

    Map<String, Object> consumerProps = new HashMap<>();
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    // Only decisions the scorer committed: an aborted decision is never explained.
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // A poll's records are explained in one transaction: keep it far shorter than its timeout even
    // on a starved machine (a decision takes well under a millisecond to explain).
    consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    consumerProps.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeoutMs());
    // A third of the session at most (Kafka's rule), and 1 s: the members hear of a rebalance soon.
    consumerProps.put(
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
        (int) Math.min(1_000, config.sessionTimeoutMs() / 3));
    if (config.instanceId() != null) {
      // Static membership: the container appends each thread's index (-0, -1, ...).
      consumerProps.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
    }
    DefaultKafkaConsumerFactory<byte[], byte[]> consumers =
        new DefaultKafkaConsumerFactory<>(
            consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());

    ContainerProperties properties = new ContainerProperties(config.topics().decisions().name());
    // The container begins a transaction per poll, the template's sends join it, and the
    // consumed offsets are sent to it before it commits.
    properties.setKafkaAwareTransactionManager(new KafkaTransactionManager<>(producers));
    properties.setMessageListener(
        new ExplainingListener(explainer, paths, template, config.topics(), registry));
    ConcurrentMessageListenerContainer<byte[], byte[]> container =
        new ConcurrentMessageListenerContainer<>(consumers, properties);
    container.setConcurrency(config.concurrency());
    // Always "-<thread index>" after the client id and the group instance id, whatever the
    // concurrency: PreviousIncarnation names the members by it.
    container.setAlwaysClientIdSuffix(true);
    container.setBeanName("explainer");
    Admin admin = PreviousIncarnation.admin(config);
    try {
      // Before the first poll: see PreviousIncarnation for why the producers' own fencing is late.
      PreviousIncarnation.fenceTransactions(admin, config);
      container.start();
    } catch (RuntimeException e) {
      admin.close();
      throw e;
    }
    return new ExplainerService(container, producers, admin, config);
  }

  private static void bindInvariant(InvariantWatch watch, MeterRegistry registry) {
    if (registry.find("explainer.invariant.max.error").gauge() != null) {
      return; // a restarted service on the same registry: the meters watch the same explainer
    }
    Gauge.builder("explainer.invariant.max.error", watch, InvariantWatch::maxError)
        .description("Largest |base value + sum of contributions - logit(probability)| seen")
        .register(registry);
    FunctionCounter.builder("explainer.invariant.checks", watch, InvariantWatch::checks)
        .register(registry);
    FunctionCounter.builder("explainer.invariant.violations", watch, InvariantWatch::violations)
        .description("Decisions whose explanation did not add up (sent to the dead-letter topic)")
        .register(registry);
  }

  /**
   * False once stopped, and also when a consumer thread died (an Error in a listener stops that
   * child container abnormally while the parent still says it runs): the health endpoint then says
   * DOWN instead of UP over an explainer that explains nothing.
   */
  public boolean isRunning() {
    return container.isRunning() && container.isInExpectedState();
  }

  /**
   * Stops consuming after the current batch (committed or aborted), then closes the producers; with
   * an instance id, removes this instance's members from the group, which static members do not
   * leave by themselves, so that the others take its partitions at once.
   */
  @Override
  public void close() {
    try {
      container.stop();
      producers.destroy();
      PreviousIncarnation.removeMembers(admin, config);
    } finally {
      admin.close();
    }
  }
}
