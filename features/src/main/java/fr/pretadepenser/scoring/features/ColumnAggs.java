package fr.pretadepenser.scoring.features;

import java.util.List;

/** One entry of a kernel aggregation dict: {@code 'AMT_CREDIT_SUM': ['max', 'mean', 'sum']}. */
record ColumnAggs(String column, List<Agg> aggs) {

  static ColumnAggs of(String column, Agg... aggs) {
    return new ColumnAggs(column, List.of(aggs));
  }

  static void addAll(AggregationPlan plan, List<ColumnAggs> dict) {
    for (ColumnAggs entry : dict) {
      plan.add(entry.column(), entry.aggs().toArray(Agg[]::new));
    }
  }
}
