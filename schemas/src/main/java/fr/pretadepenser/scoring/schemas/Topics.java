package fr.pretadepenser.scoring.schemas;

import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.LoanOutcome;
import fr.pretadepenser.scoring.events.ModelAlert;
import fr.pretadepenser.scoring.events.MonitoringSnapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The catalogue of the scoring pipeline's topics with their serdes; build it once with {@link
 * #standard()} or {@link #withPrefix(String)} and pass it around.
 *
 * <p>Keys: every topic about a client is keyed by the client id ({@code SK_ID_CURR}) as a {@code
 * Long} with the same key serde, so with equal partition counts {@code client-history} and {@code
 * loan-applications} are co-partitioned: a client's history and that client's applications land on
 * the same partition number, and the scorer can join them locally, in order, without a repartition.
 * Decisions keep that key so one client's decisions stay in order downstream. The dead-letter topic
 * keeps the rejected record's original key bytes unchanged, whatever they were.
 *
 * @param clientHistory {@value #CLIENT_HISTORY}: one client's history facts (bureau credits,
 *     previous applications, POS/cash months, instalments, card months) in one union-typed topic
 * @param loanApplications {@value #LOAN_APPLICATIONS}: applications to score
 * @param decisions {@value #LOAN_DECISIONS}: the scorer's decisions
 * @param explainedDecisions {@value #LOAN_DECISIONS_EXPLAINED}: decisions with SHAP explanations
 * @param deadLetters {@value #SCORING_DLQ}: what could not be processed, with the reason
 * @param loanOutcomes {@value #LOAN_OUTCOMES}: what became of a client's loan (defaulted or not),
 *     known months later; keyed by client id like every client topic
 * @param monitoring {@value #MODEL_MONITORING}: the model's health at a fixed interval, keyed by
 *     model version
 * @param alerts {@value #MODEL_ALERTS}: monitoring thresholds crossed, keyed by model version
 *     <p><b>Topic configs</b> ({@link Topic#configs()}): each topic says its cleanup policy,
 *     retention and message limit, applied when it is created and checked at start ({@link
 *     TopicAdmin#configMismatches}). Without them the broker's defaults apply, and the default
 *     retention of 7 days would delete the history the scorer folds and the decisions that
 *     outcomes, which arrive months later, are joined with. The values, and why:
 *     <ul>
 *       <li><b>No topic is compacted</b> ({@code cleanup.policy=delete} everywhere): every client
 *           topic is keyed by client id, and compaction keeps one record per key, so it would keep
 *           one history event, one application and one decision per client. The monitoring topics
 *           are keyed by model version and the dashboard charts their history, which compaction
 *           would erase too.
 *       <li>{@value #CLIENT_HISTORY}: kept forever ({@code retention.ms=-1}). The scorer's history
 *           store is a fold of the whole topic; a scorer rebuilt from the start (a new application
 *           id, a reset) must fold every event again, and a client's oldest bureau credit counts in
 *           the features as much as yesterday's instalment. Its size grows with the clients'
 *           history, as the store's does.
 *       <li>{@value #LOAN_APPLICATIONS}, {@value #LOAN_DECISIONS}, {@value
 *           #LOAN_DECISIONS_EXPLAINED}, {@value #LOAN_OUTCOMES}: {@link #DECISION_RETENTION} (two
 *           years). An outcome (Kaggle's TARGET: payment difficulties on the first instalments) is
 *           known months after its decision; the monitor and the dashboard rebuild from the start
 *           of these topics, so a decision must still be there when its outcome comes, with a year
 *           to spare for a one-year horizon. Kept alike so that a rebuilt client file has its
 *           application, decision and explanation together; not forever, because they hold personal
 *           data that has no use after that.
 *       <li>{@value #SCORING_DLQ}: {@link #DEAD_LETTER_RETENTION} (30 days) and at most {@link
 *           #DEAD_LETTER_BYTES} per partition: long enough for an operator to see, fix and replay;
 *           the byte cap bounds the disk a flood of garbage can take (oldest letters go first).
 *       <li>{@value #MODEL_MONITORING}: {@link #MONITORING_RETENTION} (30 days) of snapshots, what
 *           the dashboard's charts show; {@value #MODEL_ALERTS}: {@link #ALERT_RETENTION} (one
 *           year), the trail of what was raised when.
 *       <li>{@code max.message.bytes} {@link #MAX_MESSAGE_BYTES} (Kafka's default, made explicit)
 *           on every topic: a dead letter that wraps a record must be truncated to fit it, and that
 *           holds only if the limit is known and the same everywhere.
 *       <li>{@code min.insync.replicas}: set by {@link Topic#configsFor(int)} when a topic is
 *           created with more than one replica.
 *     </ul>
 */
public record Topics(
    Topic<Long, ClientHistoryEvent> clientHistory,
    Topic<Long, LoanApplication> loanApplications,
    Topic<Long, Decision> decisions,
    Topic<Long, ExplainedDecision> explainedDecisions,
    Topic<byte[], DeadLetter> deadLetters,
    Topic<Long, LoanOutcome> loanOutcomes,
    Topic<String, MonitoringSnapshot> monitoring,
    Topic<String, ModelAlert> alerts,
    Topic<String, DecisionOverride> decisionOverrides) {

  public static final String CLIENT_HISTORY = "client-history";
  public static final String LOAN_APPLICATIONS = "loan-applications";
  public static final String LOAN_DECISIONS = "loan-decisions";
  public static final String LOAN_DECISIONS_EXPLAINED = "loan-decisions-explained";
  public static final String SCORING_DLQ = "scoring-dlq";
  public static final String LOAN_OUTCOMES = "loan-outcomes";
  public static final String MODEL_MONITORING = "model-monitoring";
  public static final String MODEL_ALERTS = "model-alerts";

  /**
   * The human oversight trail: one partition (the hash chain is a total order), kept forever, keyed
   * by application id.
   */
  public static final String DECISION_OVERRIDES = "decision-overrides";

  /** Partitions of {@link #DECISION_OVERRIDES}: one, so the chain has a single order. */
  public static final int DECISION_OVERRIDES_PARTITIONS = 1;

  /** Applications, decisions, explanations and outcomes: two years (see the class comment). */
  public static final Duration DECISION_RETENTION = Duration.ofDays(730);

  /** Dead letters: 30 days to look at them and replay. */
  public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

  /** At most 1 GiB of dead letters per partition: a flood of garbage cannot fill the disk. */
  public static final long DEAD_LETTER_BYTES = 1L << 30;

  /** Monitoring snapshots: the 30 days the dashboard's charts draw. */
  public static final Duration MONITORING_RETENTION = Duration.ofDays(30);

  /** Alerts: one year of what was raised. */
  public static final Duration ALERT_RETENTION = Duration.ofDays(365);

  /**
   * The largest record batch any topic takes: Kafka's default (1 MiB + 12 bytes of log overhead),
   * set explicitly so that a producer (the dead-letter writer above all) can size what it sends.
   */
  public static final int MAX_MESSAGE_BYTES = 1_048_588;

  // Kafka's legal topic characters; the longest name must stay under Kafka's 249-character limit.
  private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]{0,200}");

  public Topics {
    Objects.requireNonNull(clientHistory, "clientHistory");
    Objects.requireNonNull(loanApplications, "loanApplications");
    Objects.requireNonNull(decisions, "decisions");
    Objects.requireNonNull(explainedDecisions, "explainedDecisions");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Objects.requireNonNull(loanOutcomes, "loanOutcomes");
    Objects.requireNonNull(monitoring, "monitoring");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(decisionOverrides, "decisionOverrides");
  }

  /** The production topic names. */
  public static Topics standard() {
    return withPrefix("");
  }

  /**
   * The same topics with {@code prefix} before every name, e.g. {@code "test-42."} to isolate a
   * test run or a tenant on a shared cluster.
   *
   * @throws IllegalArgumentException if the prefix holds characters Kafka rejects in topic names
   */
  public static Topics withPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (!LEGAL_PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "Topic prefix '"
              + prefix
              + "' is not usable: Kafka topic names allow only letters, digits, '.', '_' and '-'"
              + " (prefix at most 200 characters)");
    }
    Map<String, String> forever = retained(-1, -1);
    Map<String, String> decisions = retained(DECISION_RETENTION.toMillis(), -1);
    return new Topics(
        new Topic<>(
            prefix + CLIENT_HISTORY,
            Serdes.Long(),
            AvroSerde.of(ClientHistoryEvent.class),
            forever),
        new Topic<>(
            prefix + LOAN_APPLICATIONS,
            Serdes.Long(),
            AvroSerde.of(LoanApplication.class),
            decisions),
        new Topic<>(
            prefix + LOAN_DECISIONS, Serdes.Long(), AvroSerde.of(Decision.class), decisions),
        new Topic<>(
            prefix + LOAN_DECISIONS_EXPLAINED,
            Serdes.Long(),
            AvroSerde.of(ExplainedDecision.class),
            decisions),
        new Topic<>(
            prefix + SCORING_DLQ,
            Serdes.ByteArray(),
            AvroSerde.of(DeadLetter.class),
            retained(DEAD_LETTER_RETENTION.toMillis(), DEAD_LETTER_BYTES)),
        new Topic<>(
            prefix + LOAN_OUTCOMES, Serdes.Long(), AvroSerde.of(LoanOutcome.class), decisions),
        new Topic<>(
            prefix + MODEL_MONITORING,
            Serdes.String(),
            AvroSerde.of(MonitoringSnapshot.class),
            retained(MONITORING_RETENTION.toMillis(), -1)),
        new Topic<>(
            prefix + MODEL_ALERTS,
            Serdes.String(),
            AvroSerde.of(ModelAlert.class),
            retained(ALERT_RETENTION.toMillis(), -1)),
        new Topic<>(
            prefix + DECISION_OVERRIDES,
            Serdes.String(),
            AvroSerde.of(DecisionOverride.class),
            forever));
  }

  /** Delete (never compact), by time, by bytes per partition (-1: no limit), 1 MiB records. */
  private static Map<String, String> retained(long ms, long bytes) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
    c.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(ms));
    c.put(TopicConfig.RETENTION_BYTES_CONFIG, String.valueOf(bytes));
    c.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_MESSAGE_BYTES));
    return c;
  }

  /**
   * Every topic, in data-path order, e.g. to create them all with one partition count. Leaves out
   * {@link #decisionOverrides()}, which must have {@link #DECISION_OVERRIDES_PARTITIONS} whatever
   * the others have: its writer creates it.
   */
  public List<Topic<?, ?>> all() {
    return List.of(
        clientHistory,
        loanApplications,
        decisions,
        explainedDecisions,
        deadLetters,
        loanOutcomes,
        monitoring,
        alerts);
  }
}
