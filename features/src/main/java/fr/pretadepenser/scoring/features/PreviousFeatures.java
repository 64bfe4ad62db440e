package fr.pretadepenser.scoring.features;

import static fr.pretadepenser.scoring.features.Agg.MAX;
import static fr.pretadepenser.scoring.features.Agg.MEAN;
import static fr.pretadepenser.scoring.features.Agg.MIN;
import static fr.pretadepenser.scoring.features.Agg.SUM;
import static fr.pretadepenser.scoring.features.Agg.VAR;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.PreviousApplication;
import java.util.ArrayList;
import java.util.List;

/**
 * Kernel §3, {@code previous_applications}: APP_CREDIT_PERC per row, then aggregates over all
 * previous applications (PREV_, with the share of every dummy), the approved ones (APPROVED_) and
 * the refused ones (REFUSED_).
 *
 * <p>The kernel also turns 365243 into NaN in five DAYS_ columns, but never aggregates them, so
 * that step is left out.
 */
final class PreviousFeatures implements FeatureBlock {

  static final List<ColumnAggs> NUMERIC =
      List.of(
          ColumnAggs.of("AMT_ANNUITY", MIN, MAX, MEAN),
          ColumnAggs.of("AMT_APPLICATION", MIN, MAX, MEAN),
          ColumnAggs.of("AMT_CREDIT", MIN, MAX, MEAN),
          ColumnAggs.of("APP_CREDIT_PERC", MIN, MAX, MEAN, VAR),
          ColumnAggs.of("AMT_DOWN_PAYMENT", MIN, MAX, MEAN),
          ColumnAggs.of("AMT_GOODS_PRICE", MIN, MAX, MEAN),
          ColumnAggs.of("HOUR_APPR_PROCESS_START", MIN, MAX, MEAN),
          ColumnAggs.of("RATE_DOWN_PAYMENT", MIN, MAX, MEAN),
          ColumnAggs.of("DAYS_DECISION", MIN, MAX, MEAN),
          ColumnAggs.of("CNT_PAYMENT", MEAN, SUM));

  private static final List<String> RECORD_COLUMNS =
      List.of(
          "AMT_ANNUITY",
          "AMT_APPLICATION",
          "AMT_CREDIT",
          "AMT_DOWN_PAYMENT",
          "AMT_GOODS_PRICE",
          "HOUR_APPR_PROCESS_START",
          "RATE_DOWN_PAYMENT",
          "DAYS_DECISION",
          "CNT_PAYMENT");

  private static final String ROWS = "previous applications";

  private final TableFrame frame;
  private final int application;
  private final int credit;
  private final int appCreditPerc;
  private final FrameAggregation all;
  private final FrameAggregation approved;
  private final FrameAggregation refused;
  private final List<FeatureInfo> features = new ArrayList<>();

  PreviousFeatures(CategoryVocabulary vocabulary, Glossary glossary) {
    String table = CategoryVocabulary.PREVIOUS;
    frame =
        new TableFrame(
            table, PreviousApplication.getClassSchema(), RECORD_COLUMNS, vocabulary, glossary);
    application = frame.column("AMT_APPLICATION");
    credit = frame.column("AMT_CREDIT");
    appCreditPerc =
        frame.add(
            "APP_CREDIT_PERC", new Meaning.Quantity(glossary.phrase(table, "APP_CREDIT_PERC")));
    AggregationPlan prev =
        new AggregationPlan(
            frame, "PREV_", FeatureFamily.PREVIOUS, ROWS, FrameAggregation.ALL_ROWS);
    ColumnAggs.addAll(prev, NUMERIC);
    frame.dummyNames().forEach(d -> prev.add(d, MEAN));
    AggregationPlan approvedPlan =
        new AggregationPlan(
            frame,
            "APPROVED_",
            FeatureFamily.PREVIOUS,
            "approved " + ROWS,
            FrameAggregation.rowsWhere(frame, "NAME_CONTRACT_STATUS_Approved"));
    ColumnAggs.addAll(approvedPlan, NUMERIC);
    AggregationPlan refusedPlan =
        new AggregationPlan(
            frame,
            "REFUSED_",
            FeatureFamily.PREVIOUS,
            "refused " + ROWS,
            FrameAggregation.rowsWhere(frame, "NAME_CONTRACT_STATUS_Refused"));
    ColumnAggs.addAll(refusedPlan, NUMERIC);
    all = prev.build();
    approved = approvedPlan.build();
    refused = refusedPlan.build();
    features.addAll(prev.features());
    features.addAll(approvedPlan.features());
    features.addAll(refusedPlan.features());
  }

  @Override
  public List<FeatureInfo> features() {
    return List.copyOf(features);
  }

  @Override
  public void compute(LoanApplication app, ClientHistory history, float[] out, int offset) {
    List<PreviousApplication> previous =
        AvroValues.rows(history == null ? null : history.getPreviousApplications());
    int rows = previous.size();
    int width = frame.width();
    double[] values = new double[rows * width];
    for (int r = 0; r < rows; r++) {
      int base = r * width;
      frame.fill(previous.get(r), values, base);
      // Plain division, as pandas: x/0 is ±inf, 0/0 is NaN, and neither is cleaned.
      values[base + appCreditPerc] = values[base + application] / values[base + credit];
    }
    all.aggregate(values, rows, width, out, offset);
    offset += all.size();
    approved.aggregate(values, rows, width, out, offset);
    offset += approved.size();
    refused.aggregate(values, rows, width, out, offset);
  }
}
