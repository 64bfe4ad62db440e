package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.events.BureauBalanceMonth;
import fr.pretadepenser.scoring.events.BureauCredit;
import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * The levels of every categorical column, per table: what the kernel's one-hot encoding and
 * factorize learned from the order of the data, made explicit so it can be saved with a model.
 *
 * <p>Keys are {@code table.COLUMN}, with table one of {@link #TABLES}; levels are sorted by {@link
 * String#compareTo} (pandas sorts categories the same way). A column is categorical when its Avro
 * type is a string, which is the kernel's rule ("every column read as object dtype").
 *
 * <p>Unseen values: a value that is not a level of the vocabulary sets none of that column's
 * dummies (all 0, the {@code _nan} dummy included), and gives NaN for the binary-coded application
 * columns. A model never learned anything about such a value, so it is treated as "none of the
 * known categories" rather than guessed into one.
 */
public record CategoryVocabulary(SortedMap<String, List<String>> levels) {

  public static final String APPLICATION = "application";
  public static final String BUREAU = "bureau";
  public static final String BUREAU_BALANCE = "bureau_balance";
  public static final String PREVIOUS = "previous";
  public static final String POS_CASH = "pos_cash";
  public static final String INSTALMENTS = "instalments";
  public static final String CREDIT_CARD = "credit_card";
  public static final List<String> TABLES =
      List.of(APPLICATION, BUREAU, BUREAU_BALANCE, PREVIOUS, POS_CASH, INSTALMENTS, CREDIT_CARD);

  public CategoryVocabulary {
    SortedMap<String, List<String>> copy = new TreeMap<>();
    levels.forEach((k, v) -> copy.put(k, List.copyOf(new TreeSet<>(v))));
    levels = Collections.unmodifiableSortedMap(copy);
  }

  /** Levels of {@code table.column}, sorted; empty when the column was never seen. */
  public List<String> levels(String table, String column) {
    return levels.getOrDefault(table + "." + column, List.of());
  }

  /** Index of {@code value} among the column's levels, or -1 when unseen or null. */
  public int indexOf(String table, String column, String value) {
    if (value == null) {
      return -1;
    }
    int i = Collections.binarySearch(levels(table, column), value);
    return i >= 0 ? i : -1;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects the distinct values of the string fields of records, table by table. */
  public static final class Builder {
    private final Map<String, SortedSet<String>> seen = new TreeMap<>();

    /** Adds one value of {@code table.column}; nulls are not levels and are ignored. */
    public Builder add(String table, String column, String value) {
      if (value != null) {
        seen.computeIfAbsent(table + "." + column, k -> new TreeSet<>()).add(value);
      }
      return this;
    }

    /** Declares a categorical column even if it has no value yet, so its dummies still exist. */
    public Builder declare(String table, String column) {
      seen.computeIfAbsent(table + "." + column, k -> new TreeSet<>());
      return this;
    }

    /** Adds the value of every string field of {@code record} (nested records are not walked). */
    public Builder addRecord(String table, IndexedRecord record) {
      for (Schema.Field field : record.getSchema().getFields()) {
        if (isString(field.schema())) {
          Object v = record.get(field.pos());
          add(table, field.name(), v == null ? null : v.toString());
        }
      }
      return this;
    }

    /**
     * Adds the levels of an application's categorical columns: its string fields except {@code
     * application_id}, which is an id, not a category.
     */
    public Builder addApplication(LoanApplication application) {
      for (Schema.Field field : application.getSchema().getFields()) {
        if (isString(field.schema()) && !field.name().equals("application_id")) {
          Object v = application.get(field.pos());
          add(APPLICATION, field.name(), v == null ? null : v.toString());
        }
      }
      return this;
    }

    /** Adds the levels of every history table, bureau balances (nested in credits) included. */
    public Builder addHistory(ClientHistory history) {
      for (BureauCredit credit : AvroValues.rows(history.getBureau())) {
        addRecord(BUREAU, credit);
        for (BureauBalanceMonth month : AvroValues.rows(credit.getBalances())) {
          addRecord(BUREAU_BALANCE, month);
        }
      }
      AvroValues.rows(history.getPreviousApplications()).forEach(r -> addRecord(PREVIOUS, r));
      AvroValues.rows(history.getPosCash()).forEach(r -> addRecord(POS_CASH, r));
      AvroValues.rows(history.getInstalments()).forEach(r -> addRecord(INSTALMENTS, r));
      AvroValues.rows(history.getCreditCard()).forEach(r -> addRecord(CREDIT_CARD, r));
      return this;
    }

    public Builder addAll(CategoryVocabulary other) {
      other.levels.forEach((k, v) -> seen.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
      return this;
    }

    public CategoryVocabulary build() {
      SortedMap<String, List<String>> out = new TreeMap<>();
      seen.forEach((k, v) -> out.put(k, List.copyOf(v)));
      return new CategoryVocabulary(out);
    }
  }

  /** True for {@code string} and {@code ["null","string"]}: the kernel's categorical columns. */
  public static boolean isString(Schema schema) {
    if (schema.getType() == Schema.Type.STRING) {
      return true;
    }
    if (schema.getType() == Schema.Type.UNION) {
      Set<Schema.Type> types =
          schema.getTypes().stream()
              .map(Schema::getType)
              .collect(java.util.stream.Collectors.toSet());
      return types.contains(Schema.Type.STRING);
    }
    return false;
  }
}
