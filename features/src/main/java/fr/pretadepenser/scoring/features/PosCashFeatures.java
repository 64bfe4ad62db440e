package fr.pretadepenser.scoring.features;

import static fr.pretadepenser.scoring.features.Agg.MAX;
import static fr.pretadepenser.scoring.features.Agg.MEAN;
import static fr.pretadepenser.scoring.features.Agg.SIZE;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.PosCashMonth;
import java.util.List;

/**
 * Kernel §4, {@code pos_cash}: monthly POS and cash loan snapshots, POS_ prefix, plus POS_COUNT.
 */
final class PosCashFeatures implements FeatureBlock {

  static final List<ColumnAggs> NUMERIC =
      List.of(
          ColumnAggs.of("MONTHS_BALANCE", MAX, MEAN, SIZE),
          ColumnAggs.of("SK_DPD", MAX, MEAN),
          ColumnAggs.of("SK_DPD_DEF", MAX, MEAN));

  private final TableFrame frame;
  private final FrameAggregation aggregation;
  private final List<FeatureInfo> features;

  PosCashFeatures(CategoryVocabulary vocabulary, Glossary glossary) {
    frame =
        new TableFrame(
            CategoryVocabulary.POS_CASH,
            PosCashMonth.getClassSchema(),
            NUMERIC.stream().map(ColumnAggs::column).toList(),
            vocabulary,
            glossary);
    AggregationPlan plan =
        new AggregationPlan(
            frame,
            "POS_",
            FeatureFamily.POS_CASH,
            "POS and cash loan months",
            FrameAggregation.ALL_ROWS);
    ColumnAggs.addAll(plan, NUMERIC);
    frame.dummyNames().forEach(d -> plan.add(d, MEAN));
    plan.count("POS_COUNT");
    aggregation = plan.build();
    features = plan.features();
  }

  @Override
  public List<FeatureInfo> features() {
    return features;
  }

  @Override
  public void compute(LoanApplication app, ClientHistory history, float[] out, int offset) {
    List<PosCashMonth> months = AvroValues.rows(history == null ? null : history.getPosCash());
    int rows = months.size();
    int width = frame.width();
    double[] values = new double[rows * width];
    for (int r = 0; r < rows; r++) {
      frame.fill(months.get(r), values, r * width);
    }
    aggregation.aggregate(values, rows, width, out, offset);
  }
}
