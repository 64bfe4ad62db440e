package fr.pretadepenser.scoring.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * The layout of one history table as the kernel's DataFrame holds it after {@code one_hot_encoder}:
 * the numeric columns it aggregates, the family's derived columns, then the dummies of every string
 * field (the kernel's "object dtype" columns), each with a {@link Meaning} for descriptions.
 *
 * <p>Field positions and dummy levels are resolved once here; {@link #fill} is the per-row work.
 */
final class TableFrame {

  /**
   * Where a frame column's values come from: {@code table.column}, and the level for a dummy
   * ({@link FeatureInfo#MISSING_LEVEL} for the {@code _nan} one). Carried onto the aggregated
   * features so that their words are composed from structure.
   */
  record Source(String table, String column, String level) {}

  final String table;
  private final List<String> names = new ArrayList<>();
  private final List<Meaning> meanings = new ArrayList<>();
  private final List<Source> sources = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  private final int[] numericPositions;
  private final int[] numericColumns;
  private final OneHot[] oneHots;
  private final int[] oneHotStarts;
  private final List<String> dummyNames = new ArrayList<>();

  TableFrame(
      String table,
      Schema schema,
      List<String> numericColumns,
      CategoryVocabulary vocabulary,
      Glossary glossary) {
    this.table = table;
    this.numericPositions = new int[numericColumns.size()];
    this.numericColumns = new int[numericColumns.size()];
    for (int i = 0; i < numericColumns.size(); i++) {
      String column = numericColumns.get(i);
      numericPositions[i] = AvroValues.position(schema, column);
      this.numericColumns[i] = add(column, new Meaning.Quantity(glossary.phrase(table, column)));
    }
    List<OneHot> hots = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      if (!CategoryVocabulary.isString(field.schema())) {
        continue;
      }
      OneHot oneHot =
          new OneHot(field.name(), field.pos(), vocabulary.levels(table, field.name()), true);
      String phrase = glossary.phrase(table, field.name());
      int start = -1;
      for (int d = 0; d < oneHot.width(); d++) {
        String level = glossary.level(table, field.name(), oneHot.level(d));
        String raw = oneHot.level(d);
        int column =
            add(
                oneHot.dummyName(d),
                new Meaning.Indicator(phrase, level),
                new Source(table, field.name(), raw == null ? FeatureInfo.MISSING_LEVEL : raw));
        start = start < 0 ? column : start;
        dummyNames.add(oneHot.dummyName(d));
      }
      hots.add(oneHot);
      starts.add(start);
    }
    this.oneHots = hots.toArray(OneHot[]::new);
    this.oneHotStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Adds a column the family computes itself, a column of this table; returns its index. */
  int add(String name, Meaning meaning) {
    return add(name, meaning, new Source(table, name, null));
  }

  /** Adds a column the family computes from {@code source}; returns its index. */
  int add(String name, Meaning meaning, Source source) {
    if (index.putIfAbsent(name, names.size()) != null) {
      throw new IllegalArgumentException(table + " frame already has a column " + name);
    }
    names.add(name);
    meanings.add(meaning);
    sources.add(source);
    return names.size() - 1;
  }

  /** Index of a column by its pandas name, or -1 when the frame has none. */
  int column(String name) {
    return index.getOrDefault(name, -1);
  }

  Meaning meaning(int column) {
    return meanings.get(column);
  }

  Source source(int column) {
    return sources.get(column);
  }

  int width() {
    return names.size();
  }

  /** Pandas names of the dummy columns, in the kernel's order. */
  List<String> dummyNames() {
    return List.copyOf(dummyNames);
  }

  /** Names of the numeric and derived columns (everything but dummies), in frame order. */
  List<String> valueNames() {
    List<String> out = new ArrayList<>();
    for (String name : names) {
      if (!dummyNames.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /** Writes one record's numeric columns and dummies into {@code frame[base...]} (zeros given). */
  void fill(IndexedRecord record, double[] frame, int base) {
    for (int i = 0; i < numericPositions.length; i++) {
      frame[base + numericColumns[i]] = AvroValues.number(record.get(numericPositions[i]));
    }
    for (int i = 0; i < oneHots.length; i++) {
      oneHots[i].encode(record, frame, base + oneHotStarts[i]);
    }
  }
}
