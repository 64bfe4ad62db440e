package fr.pretadepenser.scoring.features;

import static fr.pretadepenser.scoring.features.Agg.MAX;
import static fr.pretadepenser.scoring.features.Agg.MEAN;
import static fr.pretadepenser.scoring.features.Agg.MIN;
import static fr.pretadepenser.scoring.features.Agg.SUM;
import static fr.pretadepenser.scoring.features.Agg.VAR;

import fr.pretadepenser.scoring.events.BureauBalanceMonth;
import fr.pretadepenser.scoring.events.BureauCredit;
import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Kernel §2, {@code bureau_and_balance}: each bureau credit gets its monthly balances rolled up
 * (MONTHS_BALANCE min/max/size, share of months per STATUS; NaN when it has none), then the credits
 * are aggregated over all of them (BURO_), the active ones (ACTIVE_) and the closed ones (CLOSED_).
 */
final class BureauFeatures implements FeatureBlock {

  static final List<ColumnAggs> NUMERIC =
      List.of(
          ColumnAggs.of("DAYS_CREDIT", MIN, MAX, MEAN, VAR),
          ColumnAggs.of("DAYS_CREDIT_ENDDATE", MIN, MAX, MEAN),
          ColumnAggs.of("DAYS_CREDIT_UPDATE", MEAN),
          ColumnAggs.of("CREDIT_DAY_OVERDUE", MAX, MEAN),
          ColumnAggs.of("AMT_CREDIT_MAX_OVERDUE", MEAN),
          ColumnAggs.of("AMT_CREDIT_SUM", MAX, MEAN, SUM),
          ColumnAggs.of("AMT_CREDIT_SUM_DEBT", MAX, MEAN, SUM),
          ColumnAggs.of("AMT_CREDIT_SUM_OVERDUE", MEAN),
          ColumnAggs.of("AMT_CREDIT_SUM_LIMIT", MEAN, SUM),
          ColumnAggs.of("AMT_ANNUITY", MAX, MEAN),
          ColumnAggs.of("CNT_CREDIT_PROLONG", SUM),
          ColumnAggs.of("MONTHS_BALANCE_MIN", MIN),
          ColumnAggs.of("MONTHS_BALANCE_MAX", MAX),
          ColumnAggs.of("MONTHS_BALANCE_SIZE", MEAN, SUM));

  /** The numeric map's columns read from the bureau record (the others come from balances). */
  private static final List<String> BUREAU_COLUMNS =
      List.of(
          "DAYS_CREDIT",
          "CREDIT_DAY_OVERDUE",
          "DAYS_CREDIT_ENDDATE",
          "AMT_CREDIT_MAX_OVERDUE",
          "CNT_CREDIT_PROLONG",
          "AMT_CREDIT_SUM",
          "AMT_CREDIT_SUM_DEBT",
          "AMT_CREDIT_SUM_LIMIT",
          "AMT_CREDIT_SUM_OVERDUE",
          "DAYS_CREDIT_UPDATE",
          "AMT_ANNUITY");

  private static final String ROWS = "credit bureau credits";

  private final TableFrame frame;
  private final int balancesPosition;
  private final int monthPosition;
  private final OneHot status;
  private final int monthsMin;
  private final int monthsMax;
  private final int monthsSize;
  private final int statusMeans;
  private final FrameAggregation all;
  private final FrameAggregation active;
  private final FrameAggregation closed;
  private final List<FeatureInfo> features = new ArrayList<>();

  BureauFeatures(CategoryVocabulary vocabulary, Glossary glossary) {
    String table = CategoryVocabulary.BUREAU;
    Schema schema = BureauCredit.getClassSchema();
    frame = new TableFrame(table, schema, BUREAU_COLUMNS, vocabulary, glossary);
    balancesPosition = AvroValues.position(schema, "balances");
    Schema month = BureauBalanceMonth.getClassSchema();
    monthPosition = AvroValues.position(month, "MONTHS_BALANCE");
    String bb = CategoryVocabulary.BUREAU_BALANCE;
    status =
        new OneHot(
            "STATUS", AvroValues.position(month, "STATUS"), vocabulary.levels(bb, "STATUS"), true);
    monthsMin = frame.add("MONTHS_BALANCE_MIN", quantity(glossary, "MONTHS_BALANCE_MIN"));
    monthsMax = frame.add("MONTHS_BALANCE_MAX", quantity(glossary, "MONTHS_BALANCE_MAX"));
    monthsSize = frame.add("MONTHS_BALANCE_SIZE", quantity(glossary, "MONTHS_BALANCE_SIZE"));
    List<String> statusColumns = new ArrayList<>();
    int first = -1;
    for (int d = 0; d < status.width(); d++) {
      String name = status.dummyName(d) + "_MEAN";
      String level = glossary.level(bb, "STATUS", status.level(d));
      String raw = status.level(d);
      int c =
          frame.add(
              name,
              new Meaning.Quantity("share of months with status " + level),
              new TableFrame.Source(bb, "STATUS", raw == null ? FeatureInfo.MISSING_LEVEL : raw));
      first = first < 0 ? c : first;
      statusColumns.add(name);
    }
    statusMeans = first;

    AggregationPlan buro =
        new AggregationPlan(frame, "BURO_", FeatureFamily.BUREAU, ROWS, FrameAggregation.ALL_ROWS);
    ColumnAggs.addAll(buro, NUMERIC);
    frame.dummyNames().forEach(d -> buro.add(d, MEAN));
    statusColumns.forEach(s -> buro.add(s, MEAN));
    AggregationPlan activePlan =
        new AggregationPlan(
            frame,
            "ACTIVE_",
            FeatureFamily.BUREAU,
            "active " + ROWS,
            FrameAggregation.rowsWhere(frame, "CREDIT_ACTIVE_Active"));
    ColumnAggs.addAll(activePlan, NUMERIC);
    AggregationPlan closedPlan =
        new AggregationPlan(
            frame,
            "CLOSED_",
            FeatureFamily.BUREAU,
            "closed " + ROWS,
            FrameAggregation.rowsWhere(frame, "CREDIT_ACTIVE_Closed"));
    ColumnAggs.addAll(closedPlan, NUMERIC);
    all = buro.build();
    active = activePlan.build();
    closed = closedPlan.build();
    features.addAll(buro.features());
    features.addAll(activePlan.features());
    features.addAll(closedPlan.features());
  }

  private static Meaning quantity(Glossary glossary, String column) {
    return new Meaning.Quantity(glossary.phrase(CategoryVocabulary.BUREAU, column));
  }

  @Override
  public List<FeatureInfo> features() {
    return List.copyOf(features);
  }

  @Override
  public void compute(LoanApplication app, ClientHistory history, float[] out, int offset) {
    List<BureauCredit> credits = AvroValues.rows(history == null ? null : history.getBureau());
    int rows = credits.size();
    int width = frame.width();
    double[] values = new double[rows * width];
    double[] statusCounts = new double[status.width()];
    for (int r = 0; r < rows; r++) {
      BureauCredit credit = credits.get(r);
      int base = r * width;
      frame.fill(credit, values, base);
      @SuppressWarnings("unchecked")
      List<BureauBalanceMonth> months = (List<BureauBalanceMonth>) credit.get(balancesPosition);
      int n = months == null ? 0 : months.size();
      if (n == 0) {
        // The kernel's left join of bb_agg: a credit without balances has NaN for all of them.
        values[base + monthsMin] = Double.NaN;
        values[base + monthsMax] = Double.NaN;
        values[base + monthsSize] = Double.NaN;
        Arrays.fill(values, base + statusMeans, base + statusMeans + status.width(), Double.NaN);
        continue;
      }
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      Arrays.fill(statusCounts, 0);
      for (int m = 0; m < n; m++) {
        BureauBalanceMonth month = months.get(m);
        double v = AvroValues.number(month.get(monthPosition));
        min = Math.min(min, v);
        max = Math.max(max, v);
        int d = status.dummyOf(month);
        if (d >= 0) {
          statusCounts[d]++;
        }
      }
      values[base + monthsMin] = min;
      values[base + monthsMax] = max;
      values[base + monthsSize] = n;
      for (int d = 0; d < statusCounts.length; d++) {
        values[base + statusMeans + d] = statusCounts[d] / n;
      }
    }
    all.aggregate(values, rows, width, out, offset);
    offset += all.size();
    active.aggregate(values, rows, width, out, offset);
    offset += active.size();
    closed.aggregate(values, rows, width, out, offset);
  }
}
