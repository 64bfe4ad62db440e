package fr.pretadepenser.scoring.schemas;

import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.LoanOutcome;
import fr.pretadepenser.scoring.events.ModelAlert;
import fr.pretadepenser.scoring.events.MonitoringSnapshot;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
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
 */
public record Topics(
    Topic<Long, ClientHistoryEvent> clientHistory,
    Topic<Long, LoanApplication> loanApplications,
    Topic<Long, Decision> decisions,
    Topic<Long, ExplainedDecision> explainedDecisions,
    Topic<byte[], DeadLetter> deadLetters,
    Topic<Long, LoanOutcome> loanOutcomes,
    Topic<String, MonitoringSnapshot> monitoring,
    Topic<String, ModelAlert> alerts) {

  public static final String CLIENT_HISTORY = "client-history";
  public static final String LOAN_APPLICATIONS = "loan-applications";
  public static final String LOAN_DECISIONS = "loan-decisions";
  public static final String LOAN_DECISIONS_EXPLAINED = "loan-decisions-explained";
  public static final String SCORING_DLQ = "scoring-dlq";
  public static final String LOAN_OUTCOMES = "loan-outcomes";
  public static final String MODEL_MONITORING = "model-monitoring";
  public static final String MODEL_ALERTS = "model-alerts";

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
    return new Topics(
        new Topic<>(prefix + CLIENT_HISTORY, Serdes.Long(), AvroSerde.of(ClientHistoryEvent.class)),
        new Topic<>(prefix + LOAN_APPLICATIONS, Serdes.Long(), AvroSerde.of(LoanApplication.class)),
        new Topic<>(prefix + LOAN_DECISIONS, Serdes.Long(), AvroSerde.of(Decision.class)),
        new Topic<>(
            prefix + LOAN_DECISIONS_EXPLAINED,
            Serdes.Long(),
            AvroSerde.of(ExplainedDecision.class)),
        new Topic<>(prefix + SCORING_DLQ, Serdes.ByteArray(), AvroSerde.of(DeadLetter.class)),
        new Topic<>(prefix + LOAN_OUTCOMES, Serdes.Long(), AvroSerde.of(LoanOutcome.class)),
        new Topic<>(
            prefix + MODEL_MONITORING, Serdes.String(), AvroSerde.of(MonitoringSnapshot.class)),
        new Topic<>(prefix + MODEL_ALERTS, Serdes.String(), AvroSerde.of(ModelAlert.class)));
  }

  /** Every topic, in data-path order, e.g. to create them all. */
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
