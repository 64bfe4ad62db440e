package fr.pretadepenser.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.BureauBalanceMonth;
import fr.pretadepenser.scoring.events.BureauCredit;
import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.CreditCardMonth;
import fr.pretadepenser.scoring.events.InstalmentPayment;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.PosCashMonth;
import fr.pretadepenser.scoring.events.PreviousApplication;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** Tiny hand-made Avro records for the family tests, set by Kaggle column name. */
final class Fixtures {

  private Fixtures() {}

  /** An application with every other column at 0 / null. */
  static LoanApplication application(Object... columnsAndValues) {
    LoanApplication app = record(new LoanApplication(), "application_id", "a", "SK_ID_CURR", 1L);
    return record(app, columnsAndValues);
  }

  static BureauCredit bureau(List<BureauBalanceMonth> balances, Object... columnsAndValues) {
    BureauCredit credit = record(new BureauCredit(), columnsAndValues);
    credit.setBalances(balances);
    return credit;
  }

  static BureauBalanceMonth month(int monthsBalance, String status) {
    return record(new BureauBalanceMonth(), "MONTHS_BALANCE", monthsBalance, "STATUS", status);
  }

  static PreviousApplication previous(Object... columnsAndValues) {
    return record(new PreviousApplication(), columnsAndValues);
  }

  static PosCashMonth pos(Object... columnsAndValues) {
    return record(new PosCashMonth(), columnsAndValues);
  }

  static InstalmentPayment instalment(Object... columnsAndValues) {
    return record(new InstalmentPayment(), columnsAndValues);
  }

  static CreditCardMonth card(Object... columnsAndValues) {
    return record(new CreditCardMonth(), columnsAndValues);
  }

  static ClientHistory history(
      List<BureauCredit> bureau,
      List<PreviousApplication> previous,
      List<PosCashMonth> pos,
      List<InstalmentPayment> instalments,
      List<CreditCardMonth> cards) {
    return record(
        new ClientHistory(),
        "SK_ID_CURR",
        1L,
        "bureau",
        bureau,
        "previous_applications",
        previous,
        "pos_cash",
        pos,
        "instalments",
        instalments,
        "credit_card",
        cards);
  }

  static ClientHistory noHistory() {
    return history(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /** The value of feature {@code name} in {@code vector}. */
  static float value(FeatureDefinition definition, float[] vector, String name) {
    int i = definition.names().indexOf(name);
    assertThat(i).as("feature %s exists", name).isNotNegative();
    return vector[i];
  }

  /** Every feature of {@code family} in {@code vector}. */
  static List<Float> family(FeatureDefinition definition, float[] vector, FeatureFamily family) {
    List<Float> out = new ArrayList<>();
    for (int i = 0; i < vector.length; i++) {
      if (definition.features().get(i).family() == family) {
        out.add(vector[i]);
      }
    }
    return out;
  }

  /** Sets fields by name, converting numbers to the field's Avro type; arrays default to empty. */
  static <T extends SpecificRecordBase> T record(T record, Object... columnsAndValues) {
    for (Schema.Field field : record.getSchema().getFields()) {
      if (field.schema().getType() == Schema.Type.ARRAY && record.get(field.pos()) == null) {
        record.put(field.pos(), new ArrayList<>());
      }
    }
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      String name = (String) columnsAndValues[i];
      Schema.Field field = record.getSchema().getField(name);
      assertThat(field).as("field %s", name).isNotNull();
      record.put(field.pos(), convert(field.schema(), columnsAndValues[i + 1]));
    }
    return record;
  }

  private static Object convert(Schema schema, Object value) {
    if (!(value instanceof Number n)) {
      return value;
    }
    Schema.Type type = schema.getType();
    if (type == Schema.Type.UNION) {
      type = schema.getTypes().get(1).getType();
    }
    return switch (type) {
      case INT -> n.intValue();
      case LONG -> n.longValue();
      case DOUBLE -> n.doubleValue();
      case FLOAT -> n.floatValue();
      default -> value;
    };
  }
}
