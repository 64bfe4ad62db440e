package fr.pretadepenser.scoring.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** An event written by a producer still on an older schema decodes into the current class. */
class OlderWriterTest {

  /** Decision as it might have been before the timing fields were added (they have defaults). */
  private static final Schema DECISION_BEFORE_TIMINGS =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Decision", "namespace": "fr.pretadepenser.scoring.events",
               "fields": [
                 {"name": "application_id", "type": "string"},
                 {"name": "SK_ID_CURR", "type": "long"},
                 {"name": "probability", "type": "double"},
                 {"name": "decision", "type": {"type": "enum", "name": "DecisionOutcome",
                                               "symbols": ["GRANTED", "REFUSED"]}},
                 {"name": "threshold", "type": "double"},
                 {"name": "model_version", "type": "string"},
                 {"name": "features", "type": {"type": "array", "items": "float"}},
                 {"name": "received_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                 {"name": "decided_at", "type": {"type": "long", "logicalType": "timestamp-millis"}}
               ]}
              """);

  private static byte[] writtenByAnOlderProducer() throws IOException {
    GenericRecord old =
        new GenericRecordBuilder(DECISION_BEFORE_TIMINGS)
            .set("application_id", "app-1")
            .set("SK_ID_CURR", 100002L)
            .set("probability", 0.61)
            .set(
                "decision",
                new GenericData.EnumSymbol(
                    DECISION_BEFORE_TIMINGS.getField("decision").schema(), "REFUSED"))
            .set("threshold", 0.52)
            .set("model_version", "sha256:abc")
            .set("features", List.of(1.0f, Float.NaN))
            .set("received_at", 1_700_000_000_000L)
            .set("decided_at", 1_700_000_000_007L)
            .build();
    return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), DECISION_BEFORE_TIMINGS)
        .encode(old)
        .array();
  }

  @Test
  void aSerdeThatKnowsTheOlderSchemaFillsTheNewFieldsWithTheirDefaults() throws IOException {
    AvroSerde<Decision> serde =
        new AvroSerde<>(
            Decision.class, List.of(new AvroSerde.NamedSchema("v0", DECISION_BEFORE_TIMINGS)));

    Decision decision =
        serde.deserializer().deserialize("loan-decisions", writtenByAnOlderProducer());

    assertThat(decision.getApplicationId()).isEqualTo("app-1");
    assertThat(decision.getDecision()).isEqualTo(DecisionOutcome.REFUSED);
    assertThat(decision.getFeatures().get(1)).isNaN();
    assertThat(decision.getDecidedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_007L));
    assertThat(decision.getFeatureMicros()).isZero();
    assertThat(decision.getInferenceMicros()).isZero();
  }

  @Test
  void aSerdeThatDoesNotKnowTheOlderSchemaSaysSo() {
    assertThatThrownBy(
            () ->
                AvroSerde.of(Decision.class)
                    .deserializer()
                    .deserialize("loan-decisions", writtenByAnOlderProducer()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("is not a known version of Decision");
  }

  @Test
  void everyCommittedVersionIsKnownToTheSerde() {
    for (var type : SchemaHistory.TOP_LEVEL_TYPES) {
      for (SchemaHistory.Version version : SchemaHistory.committed(type)) {
        assertThat(AvroSerde.of(type).reads(version.fingerprint())).as(version.toString()).isTrue();
      }
    }
  }
}
