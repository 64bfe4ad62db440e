package fr.pretadepenser.scoring.features;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds one kernel aggregation dict ({@code {'DAYS_CREDIT': ['min', 'max', ...], ...}}) over a
 * {@link TableFrame}: the outputs in dict order, their names ({@code PREFIX + column + "_" + AGG})
 * and their descriptions.
 */
final class AggregationPlan {

  private final TableFrame frame;
  private final String prefix;
  private final FeatureFamily family;
  private final String rows;
  private final int filterColumn;
  private final List<Integer> columns = new ArrayList<>();
  private final List<Agg> aggs = new ArrayList<>();
  private final List<FeatureInfo> features = new ArrayList<>();

  /**
   * @param rows plural noun for the rows aggregated, e.g. "active credit bureau credits"
   * @param filterColumn a 0/1 frame column selecting the rows, or {@link FrameAggregation#ALL_ROWS}
   */
  AggregationPlan(
      TableFrame frame, String prefix, FeatureFamily family, String rows, int filterColumn) {
    this.frame = frame;
    this.prefix = prefix;
    this.family = family;
    this.rows = rows;
    this.filterColumn = filterColumn;
  }

  /** Adds {@code column: [aggs...]}; the column must exist in the frame. */
  AggregationPlan add(String column, Agg... columnAggs) {
    int c = frame.column(column);
    if (c < 0) {
      throw new IllegalStateException(frame.table + " frame has no column " + column);
    }
    TableFrame.Source source = frame.source(c);
    for (Agg agg : columnAggs) {
      columns.add(c);
      aggs.add(agg);
      features.add(
          new FeatureInfo(
              FeatureNames.sanitise(prefix + column + "_" + agg.name()),
              family,
              Glossary.aggregate(agg, frame.meaning(c), rows),
              source.table(),
              source.column(),
              source.level(),
              agg,
              rowsKey()));
    }
    return this;
  }

  /** Adds the kernel's {@code groupby(...).size()} count column ({@code POS_COUNT}, ...). */
  AggregationPlan count(String name) {
    columns.add(0);
    aggs.add(Agg.SIZE);
    features.add(
        new FeatureInfo(
            FeatureNames.sanitise(name),
            family,
            Glossary.aggregate(Agg.SIZE, null, rows),
            frame.table,
            null,
            null,
            Agg.SIZE,
            rowsKey()));
    return this;
  }

  /** Which rows: the prefix without its underscore (BURO_ gives BURO). */
  private String rowsKey() {
    return prefix.endsWith("_") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }

  List<FeatureInfo> features() {
    return List.copyOf(features);
  }

  FrameAggregation build() {
    return new FrameAggregation(
        columns.stream().mapToInt(Integer::intValue).toArray(),
        aggs.toArray(Agg[]::new),
        filterColumn);
  }
}
