package fr.pretadepenser.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelMetadata;
import fr.pretadepenser.scoring.schemas.FloatArrayList;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input lands in the dead-letter topic with its reason, its origin and its
 * original bytes, and good records after it are still decided.
 */
class DeadLetterTest {

  @TempDir(factory = ShmTempDirs.class)
  Path stateDir;

  FeatureDefinition definition;
  ScorerHarness scorer;
  Applicant good;

  @BeforeEach
  void start() {
    definition = SampleData.definition();
    scorer = new ScorerHarness(stateDir, ShareOfKnownFeatures.scorer(definition, 0.75));
    good = SampleData.applicants(1, a -> SampleData.eventCount(a.history()) > 0).get(0);
  }

  ScorerHarness harness(FixedAnswer model) {
    return new ScorerHarness(
        stateDir,
        new ApplicationScorer(
            definition, new ModelMetadata("fixed", 0.5, model.names(), Map.of()), model));
  }

  @AfterEach
  void stop() {
    scorer.close();
  }

  /** The good applicant, with its history, is decided after whatever was rejected. */
  void assertStillDecides() {
    scorer.publishHistory(good.history());
    scorer.apply(good.application());
    List<Decision> decisions = scorer.readDecisions();
    assertThat(decisions).hasSize(1);
    assertThat(decisions.get(0).getSKIDCURR()).isEqualTo(good.clientId());
    assertThat(decisions.get(0).getFeatures())
        .hasSize(definition.size())
        .containsExactlyElementsOf(
            new FloatArrayList(definition.compute(good.application(), good.history())));
  }

  /** Pipes {@code key, value} raw to the applications topic and returns its one dead letter. */
  DeadLetter rejectApplication(byte[] key, byte[] value) {
    scorer.rawApplications.pipeInput(key, value);
    return onlyDeadLetter(key, value, scorer.topics.loanApplications().name());
  }

  DeadLetter rejectHistory(byte[] key, byte[] value) {
    scorer.rawHistory.pipeInput(key, value);
    return onlyDeadLetter(key, value, scorer.topics.clientHistory().name());
  }

  DeadLetter onlyDeadLetter(byte[] key, byte[] value, String topic) {
    List<TestRecord<byte[], DeadLetter>> letters = scorer.deadLetters.readRecordsToList();
    assertThat(letters).hasSize(1);
    assertThat(scorer.decisions.isEmpty()).isTrue();
    assertThat(letters.get(0).key()).isEqualTo(key);
    DeadLetter letter = letters.get(0).value();
    assertThat(letter.getSourceTopic()).isEqualTo(topic);
    assertThat(letter.getSourcePartition()).isZero();
    assertThat(letter.getSourceOffset()).isNotNegative();
    assertThat(bytes(letter.getKey())).isEqualTo(key);
    assertThat(bytes(letter.getValue())).isEqualTo(value);
    assertThat(letter.getReason()).isNotBlank();
    assertThat(letter.getFailedAt()).isNotNull();
    return letter;
  }

  static byte[] bytes(ByteBuffer b) {
    if (b == null) {
      return null;
    }
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  byte[] key() {
    return ScorerHarness.key(good.clientId());
  }

  byte[] validApplication(Consumer<LoanApplication.Builder> change) {
    LoanApplication.Builder b = LoanApplication.newBuilder(good.application());
    change.accept(b);
    return scorer.encode(b.build());
  }

  @Test
  void rawGarbageBytes() {
    byte[] garbage =
        "\u0001\u00ffnot avro at all, just bytes".getBytes(StandardCharsets.ISO_8859_1);
    DeadLetter letter = rejectApplication(key(), garbage);
    assertThat(letter.getStage()).isEqualTo("scorer/decode");
    assertThat(letter.getReason()).contains("not the Avro single-object marker");
    assertStillDecides();
  }

  @Test
  void jsonInsteadOfAvro() {
    byte[] json = "{\"SK_ID_CURR\": 100002}".getBytes(StandardCharsets.UTF_8);
    DeadLetter letter = rejectApplication(key(), json);
    assertThat(letter.getReason()).contains("looks like JSON");
    assertStillDecides();
  }

  @Test
  void truncatedRecord() {
    byte[] whole = validApplication(b -> {});
    byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
    DeadLetter letter = rejectApplication(key(), truncated);
    assertThat(letter.getStage()).isEqualTo("scorer/decode");
    assertThat(letter.getReason()).contains("truncated or corrupt");
    assertStillDecides();
  }

  @Test
  void missingRequiredFieldWrittenWithAnUnknownSchema() {
    // A producer whose schema lacks AMT_CREDIT: its fingerprint is no known LoanApplication.
    byte[] value = encodeWithout("AMT_CREDIT", false);
    DeadLetter letter = rejectApplication(key(), value);
    assertThat(letter.getStage()).isEqualTo("scorer/decode");
    assertThat(letter.getReason()).contains("is not a known version of LoanApplication");
    assertStillDecides();
  }

  @Test
  void missingRequiredFieldUnderTheCurrentSchemasFingerprint() {
    // The same body claiming the current schema: the fields after the gap do not line up.
    byte[] value = encodeWithout("AMT_CREDIT", true);
    DeadLetter letter = rejectApplication(key(), value);
    assertThat(letter.getStage()).isEqualTo("scorer/decode");
    assertThat(letter.getReason()).contains("LoanApplication");
    assertStillDecides();
  }

  @Test
  void emptyApplicationId() {
    DeadLetter letter = rejectApplication(key(), validApplication(b -> b.setApplicationId(" ")));
    assertThat(letter.getStage()).isEqualTo("scorer/validate");
    assertThat(letter.getReason()).isEqualTo("application_id must not be blank");
    assertStillDecides();
  }

  @Test
  void creditAmountNotPositive() {
    DeadLetter letter = rejectApplication(key(), validApplication(b -> b.setAMTCREDIT(0.0)));
    assertThat(letter.getStage()).isEqualTo("scorer/validate");
    assertThat(letter.getReason()).isEqualTo("AMT_CREDIT must be > 0");
    assertStillDecides();
  }

  @Test
  void birthInTheFutureAndSeveralViolationsAtOnce() {
    DeadLetter letter =
        rejectApplication(
            key(),
            validApplication(b -> b.setDAYSBIRTH(12).setAMTANNUITY(-5.0).setDAYSEMPLOYED(40)));
    // The shared ApplicationRules, every violation in schema field order.
    assertThat(letter.getStage()).isEqualTo("scorer/validate");
    assertThat(letter.getReason())
        .isEqualTo(
            "AMT_ANNUITY must be > 0; DAYS_BIRTH must be < 0 (days before the application);"
                + " DAYS_EMPLOYED must be <= 0 (days before the application) or 365243 (not"
                + " employed)");
    assertStillDecides();
  }

  @Test
  void implausibleApplicationsAreDeadLetteredByTheSameRulesAsTheIntakes() {
    // Issue 18: an employment as long as the life, an income of 1e308, 2^31-1 children. Not
    // every producer is the intake: the scorer applies the same plausibility rules.
    LoanApplication sample = good.application();
    DeadLetter letter =
        rejectApplication(
            key(),
            validApplication(
                b ->
                    b.setDAYSEMPLOYED(sample.getDAYSBIRTH())
                        .setAMTINCOMETOTAL(1e308)
                        .setCNTCHILDREN(Integer.MAX_VALUE)));
    assertThat(letter.getStage()).isEqualTo("scorer/validate");
    assertThat(letter.getReason())
        .startsWith(
            "CNT_CHILDREN must be at most 30; AMT_INCOME_TOTAL must be at most 1000000000;"
                + " DAYS_EMPLOYED must not exceed the age minus 14 years");
    assertStillDecides();
  }

  @Test
  void sharedRulesBeyondAmountsAndDays() {
    // Rules the intake applies too (ApplicationRules), not only the scorer's former few.
    DeadLetter letter =
        rejectApplication(key(), validApplication(b -> b.setCODEGENDER("Q").setEXTSOURCE2(1.5)));
    assertThat(letter.getStage()).isEqualTo("scorer/validate");
    assertThat(letter.getReason())
        .isEqualTo("CODE_GENDER must be one of M, F, XNA; EXT_SOURCE_2 must be between 0 and 1");
    assertStillDecides();
  }

  @Test
  void keyDifferentFromTheClientIdAndABrokenRule() {
    byte[] otherKey = ScorerHarness.key(good.clientId() + 1);
    DeadLetter letter = rejectApplication(otherKey, validApplication(b -> b.setAMTCREDIT(-1.0)));
    assertThat(letter.getReason())
        .startsWith("SK_ID_CURR " + good.clientId() + " differs from the record key ")
        .endsWith("; AMT_CREDIT must be > 0");
    assertStillDecides();
  }

  @Test
  void keyDifferentFromTheClientId() {
    byte[] otherKey = ScorerHarness.key(good.clientId() + 1);
    DeadLetter letter = rejectApplication(otherKey, validApplication(b -> {}));
    assertThat(letter.getStage()).isEqualTo("scorer/validate");
    assertThat(letter.getReason()).contains("differs from the record key " + (good.clientId() + 1));
    assertStillDecides();
  }

  @Test
  void missingKey() {
    DeadLetter letter = rejectApplication(null, validApplication(b -> {}));
    assertThat(letter.getReason()).contains("has no key");
    assertStillDecides();
  }

  @Test
  void keyOfTheWrongType() {
    byte[] stringKey = String.valueOf(good.clientId()).getBytes(StandardCharsets.UTF_8);
    DeadLetter letter = rejectApplication(stringKey, validApplication(b -> {}));
    assertThat(letter.getReason()).contains("the key is 6 bytes", "not an 8-byte long client id");
    assertStillDecides();
  }

  @Test
  void tombstone() {
    DeadLetter letter = rejectApplication(key(), null);
    assertThat(letter.getReason()).contains("tombstone");
    assertStillDecides();
  }

  @Test
  void historyEventOnTheApplicationsTopic() {
    ClientHistoryEvent event = SampleData.events(good.history()).get(0);
    byte[] value = scorer.topics.clientHistory().valueSerde().serializer().serialize("any", event);
    DeadLetter letter = rejectApplication(key(), value);
    assertThat(letter.getReason()).contains("wrong topic or wrong serde");
    assertStillDecides();
  }

  @Test
  void garbageOnTheHistoryTopicIsNotStored() {
    DeadLetter letter = rejectHistory(key(), new byte[] {(byte) 0xC3, 0x01, 7});
    assertThat(letter.getStage()).isEqualTo("scorer/decode");
    assertThat(scorer.historyStore().approximateNumEntries()).isZero();
    assertStillDecides();
  }

  @Test
  void historyEventOfAnotherClientIsNotStored() {
    ClientHistoryEvent event = SampleData.events(good.history()).get(0);
    byte[] value = scorer.topics.clientHistory().valueSerde().serializer().serialize("any", event);
    byte[] otherKey = ScorerHarness.key(good.clientId() + 1);
    DeadLetter letter = rejectHistory(otherKey, value);
    assertThat(letter.getStage()).isEqualTo("scorer/validate");
    assertThat(scorer.historyStore().approximateNumEntries()).isZero();
    assertStillDecides();
  }

  @Test
  void aModelAnswerThatIsNotAProbabilityIsNeverTurnedIntoADecision() {
    scorer.close();
    scorer = harness(new FixedAnswer(definition.names(), Double.NaN));
    DeadLetter letter = rejectApplication(key(), validApplication(b -> {}));
    assertThat(letter.getStage()).isEqualTo("scorer/model");
    assertThat(letter.getReason()).contains("the model returned NaN");
  }

  @Test
  void aFailingModelGivesADeadLetterNotAStoppedStream() {
    scorer.close();
    scorer = harness(new FixedAnswer(definition.names(), -1));
    DeadLetter letter = rejectApplication(key(), validApplication(b -> {}));
    assertThat(letter.getStage()).isEqualTo("scorer/model");
    assertThat(letter.getReason()).contains("the model failed", "broken on purpose");
    // The stream is alive: the next application is processed (and fails the same way).
    scorer.apply(good.application());
    assertThat(scorer.readDeadLetters()).hasSize(1);
  }

  /**
   * The good application encoded with a writer schema lacking {@code field}; with {@code
   * currentFingerprint} the header claims the current schema instead, as a buggy producer would.
   */
  byte[] encodeWithout(String field, boolean currentFingerprint) {
    Schema current = LoanApplication.getClassSchema();
    List<Schema.Field> fields =
        current.getFields().stream()
            .filter(f -> !f.name().equals(field))
            .map(f -> new Schema.Field(f, f.schema()))
            .toList();
    Schema writer =
        Schema.createRecord(
            current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    GenericRecord record = new GenericData.Record(writer);
    for (Schema.Field f : writer.getFields()) {
      record.put(f.name(), good.application().get(f.name()));
    }
    GenericData data = new GenericData();
    data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new BinaryMessageEncoder<GenericRecord>(data, writer).encode(record, out);
      byte[] bytes = out.toByteArray();
      if (currentFingerprint) {
        byte[] header = validApplication(b -> {});
        System.arraycopy(header, 0, bytes, 0, 10);
      }
      return bytes;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Test double: a model that answers one value, or throws when that value is -1. */
  record FixedAnswer(List<String> names, double answer) implements ToDoubleFunction<float[]> {
    @Override
    public double applyAsDouble(float[] features) {
      if (answer == -1) {
        throw new IllegalStateException("broken on purpose");
      }
      return answer;
    }
  }
}
