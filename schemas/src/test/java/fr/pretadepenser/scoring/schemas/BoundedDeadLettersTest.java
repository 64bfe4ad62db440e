package fr.pretadepenser.scoring.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class BoundedDeadLettersTest {

  static final BoundedDeadLetters.Source SOURCE =
      new BoundedDeadLetters.Source("loan-applications", 2, 42L);
  static final Instant AT = Instant.ofEpochMilli(1_700_000_000_000L);
  static final AvroSerde<DeadLetter> SERDE = AvroSerde.of(DeadLetter.class);

  @Test
  void aSmallRecordIsKeptWholeWithItsSizeAndHash() {
    byte[] key = {0, 0, 0, 0, 0, 0, 0, 7};
    byte[] value = "not avro".getBytes(StandardCharsets.UTF_8);
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", new byte[] {1, 2});
    BoundedDeadLetters.Outgoing out =
        BoundedDeadLetters.of(SOURCE, key, value, headers, "scorer/decode", "bad", AT);
    DeadLetter d = out.letter();
    assertThat(out.key()).isEqualTo(key);
    assertThat(d.getKey().array()).isEqualTo(key);
    assertThat(d.getValue().array()).isEqualTo(value);
    assertThat(d.getValueSize()).isEqualTo(value.length);
    assertThat(d.getValueSha256())
        .isEqualTo(BoundedDeadLetters.sha256(value))
        .matches("[0-9a-f]{64}");
    assertThat(d.getTruncated()).isFalse();
    assertThat(d.getReason()).isEqualTo("bad");
    assertThat(d.getStage()).isEqualTo("scorer/decode");
    assertThat(d.getSourceTopic()).isEqualTo("loan-applications");
    assertThat(d.getSourcePartition()).isEqualTo(2);
    assertThat(d.getSourceOffset()).isEqualTo(42L);
    assertThat(d.getFailedAt()).isEqualTo(AT);
    assertThat(out.headers().lastHeader("trace").value()).isEqualTo(new byte[] {1, 2});
  }

  @Test
  void theHashIsSha256() {
    assertThat(BoundedDeadLetters.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void aValueOverTheLimitIsKeptAsAPrefixWithTheWholeSizeAndHash() {
    byte[] value = new byte[1_040_000];
    new Random(1).nextBytes(value);
    DeadLetter d =
        BoundedDeadLetters.of(SOURCE, new byte[8], value, null, "scorer/decode", "big", AT)
            .letter();
    int kept = BoundedDeadLetters.Limits.DEFAULT.maxValueBytes();
    assertThat(d.getTruncated()).isTrue();
    assertThat(d.getValue().remaining()).isEqualTo(kept);
    assertThat(d.getValue().array()).isEqualTo(Arrays.copyOf(value, kept));
    assertThat(d.getValueSize()).isEqualTo(1_040_000L);
    assertThat(d.getValueSha256()).isEqualTo(BoundedDeadLetters.sha256(value));
  }

  @Test
  void aValueAtTheLimitIsKeptWhole() {
    int limit = BoundedDeadLetters.Limits.DEFAULT.maxValueBytes();
    DeadLetter d =
        BoundedDeadLetters.of(SOURCE, null, new byte[limit], null, "s/t", "r", AT).letter();
    assertThat(d.getTruncated()).isFalse();
    assertThat(d.getValue().remaining()).isEqualTo(limit);
    assertThat(d.getKey()).isNull();
  }

  @Test
  void aTombstoneHasNoValueNoHashAndSizeZero() {
    DeadLetter d = BoundedDeadLetters.of(SOURCE, null, null, null, "s/t", "r", AT).letter();
    assertThat(d.getValue()).isNull();
    assertThat(d.getValueSha256()).isNull();
    assertThat(d.getValueSize()).isZero();
    assertThat(d.getTruncated()).isFalse();
  }

  @Test
  void aLongKeyIsCutAndTheReasonSaysSo() {
    byte[] key = new byte[5000];
    BoundedDeadLetters.Outgoing out =
        BoundedDeadLetters.of(SOURCE, key, new byte[1], null, "scorer/decode", "wrong key", AT);
    assertThat(out.key()).hasSize(1024);
    assertThat(out.letter().getKey().remaining()).isEqualTo(1024);
    assertThat(out.letter().getReason())
        .startsWith("wrong key")
        .contains("key: 5000 bytes, the first 1024 kept");
  }

  @Test
  void aLongReasonIsCutAndNotesSurviveTheCut() {
    String reason = "x".repeat(100_000);
    BoundedDeadLetters.Outgoing out =
        BoundedDeadLetters.of(SOURCE, new byte[2000], null, null, "s/t", reason, AT);
    String kept = out.letter().getReason();
    assertThat(kept).hasSizeLessThanOrEqualTo(4096).contains("100000 characters, cut");
    assertThat(kept).endsWith("the first 1024 kept]");
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String text = "a".repeat(40) + "😀".repeat(100);
    for (int max = 64; max < 120; max++) {
      String cut = BoundedDeadLetters.cut(text, max);
      assertThat(cut.length()).isLessThanOrEqualTo(max);
      assertThat(Character.isHighSurrogate(cut.charAt(cut.indexOf('…') - 1))).isFalse();
    }
  }

  @Test
  void blankReasonAndStageAndLongNamesAreBounded() {
    BoundedDeadLetters.Outgoing out =
        BoundedDeadLetters.of(
            new BoundedDeadLetters.Source("t".repeat(1000), -1, -1L),
            null,
            null,
            null,
            " ",
            "",
            AT);
    assertThat(out.letter().getReason()).isEqualTo("(no reason given)");
    assertThat(out.letter().getStage()).isEqualTo("unknown/unknown");
    assertThat(out.letter().getSourceTopic()).hasSizeLessThanOrEqualTo(256);
  }

  @Test
  void headersBeyondTheirBudgetAreLeftOutAndCounted() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("small", new byte[10]);
    headers.add("huge", new byte[500_000]);
    headers.add("also-small", new byte[10]);
    BoundedDeadLetters.Outgoing out =
        BoundedDeadLetters.of(SOURCE, null, new byte[1], headers, "s/t", "r", AT);
    assertThat(out.headers().toArray()).hasSize(2);
    assertThat(out.headers().lastHeader("huge")).isNull();
    assertThat(out.letter().getReason()).contains("1 header(s) left out");
  }

  @Test
  void theWorstCaseStillEncodesBelowOneMiB() {
    String reason = "\uFFFF".repeat(1_000_000); // 3 bytes each in UTF-8
    RecordHeaders headers = new RecordHeaders();
    for (int i = 0; i < 100; i++) {
      headers.add("h" + i, new byte[1000]);
    }
    BoundedDeadLetters.Outgoing out =
        BoundedDeadLetters.of(
            new BoundedDeadLetters.Source("t".repeat(249), Integer.MAX_VALUE, Long.MAX_VALUE),
            new byte[1 << 20],
            new byte[1 << 20],
            headers,
            "s".repeat(10_000),
            reason,
            AT);
    long value = SERDE.serializer().serialize("scoring-dlq", out.letter()).length;
    long headerBytes = 0;
    for (var h : out.headers()) {
      headerBytes += h.key().length() + h.value().length;
    }
    long total = value + out.key().length + headerBytes;
    System.out.printf(
        "worst-case dead letter: value %,d bytes, key %,d, headers %,d, total %,d%n",
        value, out.key().length, headerBytes, total);
    // Kafka's default max.request.size is 1,048,576 bytes, with ~100 bytes of record overhead.
    assertThat(total).isLessThan(1_048_576 - 4096);
  }
}
