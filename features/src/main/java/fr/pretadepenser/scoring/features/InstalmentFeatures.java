package fr.pretadepenser.scoring.features;

import static fr.pretadepenser.scoring.features.Agg.MAX;
import static fr.pretadepenser.scoring.features.Agg.MEAN;
import static fr.pretadepenser.scoring.features.Agg.MIN;
import static fr.pretadepenser.scoring.features.Agg.NUNIQUE;
import static fr.pretadepenser.scoring.features.Agg.SUM;
import static fr.pretadepenser.scoring.features.Agg.VAR;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.InstalmentPayment;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.util.List;

/**
 * Kernel §5, {@code installments_payments}: per instalment PAYMENT_PERC, PAYMENT_DIFF, days past
 * due (DPD) and days before due (DBD), then INSTAL_ aggregates and INSTAL_COUNT.
 */
final class InstalmentFeatures implements FeatureBlock {

  static final List<ColumnAggs> NUMERIC =
      List.of(
          ColumnAggs.of("NUM_INSTALMENT_VERSION", NUNIQUE),
          ColumnAggs.of("DPD", MAX, MEAN, SUM),
          ColumnAggs.of("DBD", MAX, MEAN, SUM),
          ColumnAggs.of("PAYMENT_PERC", MAX, MEAN, SUM, VAR),
          ColumnAggs.of("PAYMENT_DIFF", MAX, MEAN, SUM, VAR),
          ColumnAggs.of("AMT_INSTALMENT", MAX, MEAN, SUM),
          ColumnAggs.of("AMT_PAYMENT", MIN, MAX, MEAN, SUM),
          ColumnAggs.of("DAYS_ENTRY_PAYMENT", MAX, MEAN, SUM));

  private static final List<String> RECORD_COLUMNS =
      List.of(
          "NUM_INSTALMENT_VERSION",
          "DAYS_INSTALMENT",
          "DAYS_ENTRY_PAYMENT",
          "AMT_INSTALMENT",
          "AMT_PAYMENT");

  private final TableFrame frame;
  private final int daysInstalment;
  private final int daysEntryPayment;
  private final int amtInstalment;
  private final int amtPayment;
  private final int paymentPerc;
  private final int paymentDiff;
  private final int dpd;
  private final int dbd;
  private final FrameAggregation aggregation;
  private final List<FeatureInfo> features;

  InstalmentFeatures(CategoryVocabulary vocabulary, Glossary glossary) {
    String table = CategoryVocabulary.INSTALMENTS;
    frame =
        new TableFrame(
            table, InstalmentPayment.getClassSchema(), RECORD_COLUMNS, vocabulary, glossary);
    daysInstalment = frame.column("DAYS_INSTALMENT");
    daysEntryPayment = frame.column("DAYS_ENTRY_PAYMENT");
    amtInstalment = frame.column("AMT_INSTALMENT");
    amtPayment = frame.column("AMT_PAYMENT");
    paymentPerc = derived(glossary, "PAYMENT_PERC");
    paymentDiff = derived(glossary, "PAYMENT_DIFF");
    dpd = derived(glossary, "DPD");
    dbd = derived(glossary, "DBD");
    AggregationPlan plan =
        new AggregationPlan(
            frame,
            "INSTAL_",
            FeatureFamily.INSTALMENTS,
            "past instalments",
            FrameAggregation.ALL_ROWS);
    ColumnAggs.addAll(plan, NUMERIC);
    // The kernel one-hot encodes this table too; it has no string column today.
    frame.dummyNames().forEach(d -> plan.add(d, MEAN));
    plan.count("INSTAL_COUNT");
    aggregation = plan.build();
    features = plan.features();
  }

  private int derived(Glossary glossary, String name) {
    return frame.add(name, new Meaning.Quantity(glossary.phrase(frame.table, name)));
  }

  @Override
  public List<FeatureInfo> features() {
    return features;
  }

  @Override
  public void compute(LoanApplication app, ClientHistory history, float[] out, int offset) {
    List<InstalmentPayment> payments =
        AvroValues.rows(history == null ? null : history.getInstalments());
    int rows = payments.size();
    int width = frame.width();
    double[] values = new double[rows * width];
    for (int r = 0; r < rows; r++) {
      int base = r * width;
      frame.fill(payments.get(r), values, base);
      double due = values[base + amtInstalment];
      double paid = values[base + amtPayment];
      double late = values[base + daysEntryPayment] - values[base + daysInstalment];
      double early = values[base + daysInstalment] - values[base + daysEntryPayment];
      values[base + paymentPerc] = paid / due;
      values[base + paymentDiff] = due - paid;
      // "x if x > 0 else 0": a missing payment day (NaN) gives 0, not NaN, as in the kernel.
      values[base + dpd] = late > 0 ? late : 0;
      values[base + dbd] = early > 0 ? early : 0;
    }
    aggregation.aggregate(values, rows, width, out, offset);
  }
}
