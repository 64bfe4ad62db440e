package fr.pretadepenser.scoring.model.fairness;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The figures of one group of one protected attribute, field for field the Avro record {@code
 * FairnessGroup} of {@code MonitoringSnapshot.fairness} (snake_case in JSON, as in
 * model-card.json's {@code fairness}). The positive class is default (TARGET 1) and a refusal is a
 * positive prediction. A rate whose denominator is zero is null, never NaN.
 *
 * @param attribute {@value FairnessTable#GENDER}, {@value FairnessTable#AGE_BAND} or {@value
 *     FairnessTable#FAMILY_STATUS}
 * @param group the group's value: F, M, XNA; 18-25 ... 56+; the Kaggle family status; {@value
 *     FairnessTable#UNKNOWN} when the column is missing
 * @param decisions decisions in the group
 * @param approvalRate share granted
 * @param outcomesKnown decisions of the group whose outcome is known
 * @param defaultRate share of the known outcomes that defaulted
 * @param truePositiveRate among known defaults, the share refused
 * @param falsePositiveRate among known repayments, the share refused
 * @param disparateImpact approval rate over the reference group's ({@link
 *     FairnessTable.Counts#reference}); null when the reference granted nobody
 * @param fourFifthsFlag disparate impact below {@value FairnessTable#FOUR_FIFTHS}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FairnessGroup(
    String attribute,
    String group,
    long decisions,
    Double approvalRate,
    long outcomesKnown,
    Double defaultRate,
    Double truePositiveRate,
    Double falsePositiveRate,
    Double disparateImpact,
    boolean fourFifthsFlag) {}
