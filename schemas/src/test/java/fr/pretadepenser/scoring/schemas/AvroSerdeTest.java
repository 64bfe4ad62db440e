package fr.pretadepenser.scoring.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.events.BureauCredit;
import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.CreditCardMonth;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.InstalmentPayment;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.PosCashMonth;
import fr.pretadepenser.scoring.events.PreviousApplication;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AvroSerdeTest {

  private static final String TOPIC = "some-topic";

  static Stream<Class<? extends SpecificRecord>> topLevelTypes() {
    return SchemaHistory.TOP_LEVEL_TYPES.stream();
  }

  private static <T extends SpecificRecord> T roundTrip(T record) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) record.getClass();
    AvroSerde<T> serde = AvroSerde.of(type);
    byte[] bytes = serde.serializer().serialize(TOPIC, record);
    return serde.deserializer().deserialize(TOPIC, bytes);
  }

  /**
   * Avro's own single-object encoder, which the serializer's faster path must match byte for byte.
   */
  private static <T extends SpecificRecord> byte[] avroEncoded(T record) throws Exception {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) record.getClass();
    org.apache.avro.specific.SpecificData model =
        org.apache.avro.specific.SpecificData.getForClass(type);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    new org.apache.avro.message.BinaryMessageEncoder<T>(model, model.getSchema(type))
        .encode(record, out);
    return out.toByteArray();
  }

  private static <T extends SpecificRecord> byte[] serialized(T record) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) record.getClass();
    return AvroSerde.of(type).serializer().serialize(TOPIC, record);
  }

  @ParameterizedTest
  @MethodSource("topLevelTypes")
  void theBytesAreThoseOfAvrosSingleObjectEncoder(Class<? extends SpecificRecord> type)
      throws Exception {
    for (SpecificRecord record : List.of(SampleRecords.full(type), SampleRecords.sparse(type))) {
      assertThat(serialized(record)).isEqualTo(avroEncoded(record));
    }
  }

  @Test
  void aFailedWriteLeavesNothingForTheNextRecordOfTheThread() throws Exception {
    AvroSerde<Decision> serde = AvroSerde.of(Decision.class);
    Decision good = SampleRecords.full(Decision.class);
    Decision broken = Decision.newBuilder(good).build();
    broken.setModelVersion(null); // required: the writer fails after writing earlier fields
    assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, broken))
        .isInstanceOf(SerializationException.class);
    assertThat(serde.serializer().serialize(TOPIC, good)).isEqualTo(avroEncoded(good));
  }

  @Test
  void floatArraysAreWrittenTheSameWhateverListHoldsThem() throws Exception {
    Random random = new Random(5);
    float[] values = new float[800];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 7 == 0 ? Float.NaN : (float) random.nextGaussian() * 1e6f;
    }
    values[1] = Float.NEGATIVE_INFINITY;
    values[2] = -0.0f;
    values[3] = Float.MIN_VALUE;
    List<Float> boxed = new ArrayList<>();
    for (float v : values) {
      boxed.add(v);
    }
    org.apache.avro.generic.PrimitivesArrays.FloatArray avroArray =
        new org.apache.avro.generic.PrimitivesArrays.FloatArray(
            org.apache.avro.Schema.createArray(
                org.apache.avro.Schema.create(org.apache.avro.Schema.Type.FLOAT)),
            boxed);
    Decision template = SampleRecords.full(Decision.class);
    byte[] expected = avroEncoded(Decision.newBuilder(template).setFeatures(boxed).build());
    for (List<Float> features : List.of(boxed, new FloatArrayList(values), avroArray)) {
      Decision d = Decision.newBuilder(template).setFeatures(features).build();
      assertThat(serialized(d)).as(features.getClass().getName()).isEqualTo(expected);
      assertThat(roundTrip(d).getFeatures()).containsExactlyElementsOf(boxed);
    }
    Decision empty =
        Decision.newBuilder(template).setFeatures(new FloatArrayList(new float[0])).build();
    assertThat(serialized(empty))
        .isEqualTo(avroEncoded(Decision.newBuilder(template).setFeatures(List.of()).build()));
  }

  @ParameterizedTest
  @MethodSource("topLevelTypes")
  void fullyPopulatedRecordsSurviveTheRoundTrip(Class<? extends SpecificRecord> type) {
    SpecificRecord record = SampleRecords.full(type);
    assertThat(roundTrip(record)).isEqualTo(record);
  }

  @ParameterizedTest
  @MethodSource("topLevelTypes")
  void recordsWithEveryNullableFieldNullSurviveTheRoundTrip(Class<? extends SpecificRecord> type) {
    SpecificRecord record = SampleRecords.sparse(type);
    assertThat(roundTrip(record)).isEqualTo(record);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void everyKindOfClientHistoryEventSurvivesTheRoundTrip(int branch) {
    ClientHistoryEvent event = SampleRecords.full(ClientHistoryEvent.class, branch);
    ClientHistoryEvent decoded = roundTrip(event);
    assertThat(decoded).isEqualTo(event);
    assertThat(decoded.getEvent())
        .isInstanceOf(
            List.of(
                    BureauCredit.class,
                    PreviousApplication.class,
                    PosCashMonth.class,
                    InstalmentPayment.class,
                    CreditCardMonth.class)
                .get(branch));
  }

  @Test
  void missingFeaturesStayNaNInADecision() {
    Decision decision = SampleRecords.full(Decision.class);
    decision.setFeatures(List.of(Float.NaN, 1.5f, Float.NaN, -0.0f, Float.MAX_VALUE));
    Decision decoded = roundTrip(decision);
    assertThat(decoded.getFeatures()).hasSize(5);
    assertThat(decoded.getFeatures().get(0)).isNaN();
    assertThat(decoded.getFeatures().get(2)).isNaN();
    assertThat(Float.floatToRawIntBits(decoded.getFeatures().get(3)))
        .isEqualTo(Float.floatToRawIntBits(-0.0f));
    assertThat(decoded.getFeatures().get(4)).isEqualTo(Float.MAX_VALUE);
  }

  @Test
  void bytesStartWithTheSingleObjectMarkerAndTheSchemaFingerprint() {
    AvroSerde<Decision> serde = AvroSerde.of(Decision.class);
    byte[] bytes = serde.serializer().serialize(TOPIC, SampleRecords.full(Decision.class));
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint)
        .isEqualTo(SchemaNormalization.parsingFingerprint64(Decision.getClassSchema()));
  }

  @Test
  void nullIsATombstoneBothWays() {
    AvroSerde<Decision> serde = AvroSerde.of(Decision.class);
    assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
    assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
  }

  private static SerializationException decodeFailure(byte[] bytes) {
    AvroSerde<Decision> serde = AvroSerde.of(Decision.class);
    try {
      serde.deserializer().deserialize("loan-decisions", bytes);
    } catch (SerializationException e) {
      assertThat(e.getMessage())
          .startsWith(
              "Cannot decode a record of topic 'loan-decisions' as"
                  + " fr.pretadepenser.scoring.events.Decision: ");
      return e;
    }
    throw new AssertionError("decoded " + Arrays.toString(bytes));
  }

  private static byte[] validDecision() {
    return AvroSerde.of(Decision.class)
        .serializer()
        .serialize(TOPIC, SampleRecords.full(Decision.class));
  }

  @Test
  void garbageIsReportedAsNotSingleObjectEncoded() {
    assertThat(decodeFailure("hello, world".getBytes()))
        .hasMessageContaining("starts with 68 65, not the Avro single-object marker C3 01");
  }

  @Test
  void jsonAndConfluentFramingAreNamed() {
    assertThat(decodeFailure("{\"a\":1}".getBytes())).hasMessageContaining("looks like JSON");
    assertThat(decodeFailure(new byte[] {0, 0, 0, 0, 1, 2, 3}))
        .hasMessageContaining("Confluent schema-registry framing");
  }

  @Test
  void anEmptyValueIsNotATombstone() {
    assertThat(decodeFailure(new byte[0])).hasMessageContaining("empty (0 bytes)");
  }

  @Test
  void aTruncatedHeaderIsReported() {
    assertThat(decodeFailure(Arrays.copyOf(validDecision(), 6)))
        .hasMessageContaining("only 6 bytes (C3 01")
        .hasMessageContaining("shorter than the 10-byte single-object header");
  }

  @Test
  void aTruncatedBodyIsReported() {
    byte[] valid = validDecision();
    assertThat(decodeFailure(Arrays.copyOf(valid, valid.length - 5)))
        .hasMessageContaining(
            "the body does not decode with Decision current = " + decisionVersion())
        .hasMessageContaining("(truncated or corrupt)")
        .hasCauseInstanceOf(RuntimeException.class);
  }

  @Test
  void trailingBytesAreReported() {
    byte[] valid = validDecision();
    assertThat(decodeFailure(Arrays.copyOf(valid, valid.length + 3)))
        .hasMessageContaining(
            "3 bytes left over after a complete Decision current = " + decisionVersion());
  }

  @Test
  void aRecordOfAnotherTypeIsNamed() {
    byte[] application =
        AvroSerde.of(LoanApplication.class)
            .serializer()
            .serialize(TOPIC, SampleRecords.full(LoanApplication.class));
    assertThat(decodeFailure(application))
        .hasMessageContaining("is that of fr.pretadepenser.scoring.events.LoanApplication")
        .hasMessageContaining("wrong topic or wrong serde");
  }

  @Test
  void anUnknownFingerprintSaysWhichVersionsAreKnown() {
    byte[] bytes = validDecision();
    bytes[5] ^= 0x5A;
    assertThat(decodeFailure(bytes))
        .hasMessageContaining(
            "is not a known version of Decision (known: current = " + decisionVersion() + " ")
        .hasMessageContaining("newer or unreleased schema");
  }

  // A bad record must become a dead letter, never an unexpected exception that stops a stream.
  @Test
  void corruptedBytesDecodeOrFailWithSerializationExceptionOnly() {
    AvroSerde<ExplainedDecision> serde = AvroSerde.of(ExplainedDecision.class);
    byte[] valid = serde.serializer().serialize(TOPIC, SampleRecords.full(ExplainedDecision.class));
    Random random = new Random(42);
    for (int trial = 0; trial < 5_000; trial++) {
      byte[] corrupt = Arrays.copyOf(valid, HEADER + 1 + random.nextInt(valid.length - HEADER));
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        corrupt[HEADER + random.nextInt(corrupt.length - HEADER)] = (byte) random.nextInt();
      }
      try {
        serde.deserializer().deserialize(TOPIC, corrupt);
      } catch (SerializationException expected) {
        assertThat(expected.getMessage()).contains("ExplainedDecision");
      }
    }
  }

  private static final int HEADER = 10;

  @Test
  void aRecordMissingARequiredFieldIsRefusedWithTheFieldNamed() {
    Decision decision = SampleRecords.full(Decision.class);
    decision.setModelVersion(null);
    assertThatThrownBy(
            () -> AvroSerde.of(Decision.class).serializer().serialize("loan-decisions", decision))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Cannot encode a Decision for topic 'loan-decisions'")
        .hasMessageContaining("model_version");
  }

  @Test
  void oneSerdeServesManyThreads() throws Exception {
    AvroSerde<ExplainedDecision> serde = AvroSerde.of(ExplainedDecision.class);
    ExplainedDecision record = SampleRecords.full(ExplainedDecision.class);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        tasks.add(
            () -> {
              for (int i = 0; i < 500; i++) {
                byte[] bytes = serde.serializer().serialize(TOPIC, record);
                if (!record.equals(serde.deserializer().deserialize(TOPIC, bytes))) {
                  return false;
                }
              }
              return true;
            });
      }
      for (Future<Boolean> result : pool.invokeAll(tasks)) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void clientHistoryStoreValueSurvivesTheRoundTrip() {
    ClientHistory history = SampleRecords.full(ClientHistory.class);
    assertThat(history.getBureau()).hasSize(2);
    assertThat(roundTrip(history)).isEqualTo(history);
  }

  @Test
  void deadLetterKeepsTheOriginalBytes() {
    DeadLetter letter = SampleRecords.full(DeadLetter.class);
    letter.setValue(ByteBuffer.wrap(new byte[] {(byte) 0xC3, 0x01, 0x7F, 0x00}));
    assertThat(roundTrip(letter).getValue()).isEqualTo(letter.getValue());
  }

  /** The label of Decision's current schema: its newest committed version. */
  static String decisionVersion() {
    List<SchemaHistory.Version> versions = SchemaHistory.committed(Decision.class);
    return "v" + versions.get(versions.size() - 1).number();
  }
}
