package fr.pretadepenser.scoring.features;

import static fr.pretadepenser.scoring.features.Agg.MAX;
import static fr.pretadepenser.scoring.features.Agg.MEAN;
import static fr.pretadepenser.scoring.features.Agg.MIN;
import static fr.pretadepenser.scoring.features.Agg.SUM;
import static fr.pretadepenser.scoring.features.Agg.VAR;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.CreditCardMonth;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Kernel §6, {@code credit_card_balance}: every column but SK_ID_PREV, dummies included, gets min,
 * max, mean, sum and var (CC_ prefix), plus CC_COUNT.
 */
final class CreditCardFeatures implements FeatureBlock {

  private static final Agg[] EVERY = {MIN, MAX, MEAN, SUM, VAR};

  private final TableFrame frame;
  private final FrameAggregation aggregation;
  private final List<FeatureInfo> features;

  CreditCardFeatures(CategoryVocabulary vocabulary, Glossary glossary) {
    Schema schema = CreditCardMonth.getClassSchema();
    List<String> numeric = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      if (!field.name().equals("SK_ID_PREV") && !CategoryVocabulary.isString(field.schema())) {
        numeric.add(field.name());
      }
    }
    frame = new TableFrame(CategoryVocabulary.CREDIT_CARD, schema, numeric, vocabulary, glossary);
    AggregationPlan plan =
        new AggregationPlan(
            frame,
            "CC_",
            FeatureFamily.CREDIT_CARD,
            "credit card months",
            FrameAggregation.ALL_ROWS);
    numeric.forEach(c -> plan.add(c, EVERY));
    frame.dummyNames().forEach(d -> plan.add(d, EVERY));
    plan.count("CC_COUNT");
    aggregation = plan.build();
    features = plan.features();
  }

  @Override
  public List<FeatureInfo> features() {
    return features;
  }

  @Override
  public void compute(LoanApplication app, ClientHistory history, float[] out, int offset) {
    List<CreditCardMonth> months =
        AvroValues.rows(history == null ? null : history.getCreditCard());
    int rows = months.size();
    int width = frame.width();
    double[] values = new double[rows * width];
    for (int r = 0; r < rows; r++) {
      frame.fill(months.get(r), values, r * width);
    }
    aggregation.aggregate(values, rows, width, out, offset);
  }
}
