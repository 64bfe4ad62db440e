package fr.pretadepenser.scoring.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.management.ThreadMXBean;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * A few forged bytes whose Avro varints announce a huge string, bytes field or array must be
 * refused by the serde with a {@link SerializationException} (so the caller dead-letters it), after
 * allocating a few MiB at most. Before the limits, a 15-byte record claiming a 2 GiB string ran the
 * scorer and the dashboard out of memory.
 */
class LengthLyingRecordTest {

  private static final String TOPIC = "loan-decisions";

  /** Far above any limit's own allocation (a few MiB), far below what the lies announce. */
  private static final long ALLOCATION_BOUND = 64L << 20;

  @Test
  void a15ByteDecisionClaimingA2GiBStringIsRefusedWithoutAllocatingIt() {
    AvroSerde<Decision> serde = AvroSerde.of(Decision.class);
    // application_id, the first field: a string of 2 GiB - 16 bytes (just below the JVM's largest
    // array, which Avro checks on its own), and nothing after it.
    byte[] forged = withHeader(serde, varint(Integer.MAX_VALUE - 15));
    assertThat(forged).hasSize(15);

    Throwable[] thrown = new Throwable[1];
    long allocated =
        allocatedBy(
            () ->
                thrown[0] = catchThrowable(() -> serde.deserializer().deserialize(TOPIC, forged)));
    System.out.printf("15-byte record claiming a 2 GiB string: %,d bytes allocated%n", allocated);
    assertThat(allocated).isLessThan(ALLOCATION_BOUND);
    assertThat(thrown[0])
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("beyond Avro's decoding limits")
        .hasMessageContaining(AvroLimits.STRING_PROPERTY);
  }

  @Test
  void aDeadLetterClaimingA2GiBKeyIsRefused() {
    AvroSerde<DeadLetter> serde = AvroSerde.of(DeadLetter.class);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(varint(1)); // source_topic: 1 byte
    body.write('t');
    body.writeBytes(varint(0)); // source_partition
    body.writeBytes(varint(0)); // source_offset
    body.writeBytes(varint(1)); // key: the bytes branch of the union
    body.writeBytes(varint(Integer.MAX_VALUE - 16)); // a key of ~2 GiB
    byte[] forged = withHeader(serde, body.toByteArray());

    long allocated =
        allocatedBy(
            () ->
                assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, forged))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("beyond Avro's decoding limits"));
    assertThat(allocated).isLessThan(ALLOCATION_BOUND);
  }

  @Test
  void aDecisionClaimingABillionFeaturesIsRefused() {
    AvroSerde<Decision> serde = AvroSerde.of(Decision.class);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(varint(1)); // application_id "a"
    body.write('a');
    body.writeBytes(varint(1)); // SK_ID_CURR
    body.writeBytes(new byte[8]); // probability
    body.writeBytes(varint(0)); // decision: the first symbol
    body.writeBytes(new byte[8]); // threshold
    body.writeBytes(varint(0)); // model_version ""
    body.writeBytes(varint(1_000_000_000)); // features: a block of a billion floats
    byte[] forged = withHeader(serde, body.toByteArray());

    long allocated =
        allocatedBy(
            () ->
                assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, forged))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("beyond Avro's decoding limits"));
    assertThat(allocated).isLessThan(ALLOCATION_BOUND);
  }

  @Test
  void theLimitsAreInForceAndFarBelowTheHeap() {
    assertThat(AvroLimits.applied()).isTrue();
    assertThat(AvroLimits.effective())
        .containsEntry(AvroLimits.STRING_PROPERTY, AvroLimits.DEFAULT_MAX_STRING_BYTES)
        .containsEntry(AvroLimits.BYTES_PROPERTY, AvroLimits.DEFAULT_MAX_BYTES)
        .containsEntry(AvroLimits.COLLECTION_PROPERTY, AvroLimits.DEFAULT_MAX_COLLECTION_ITEMS);
  }

  @Test
  void aStringJustUnderTheLimitStillDecodes() {
    AvroSerde<DeadLetter> serde = AvroSerde.of(DeadLetter.class);
    DeadLetter letter = SampleRecords.full(DeadLetter.class);
    letter.setReason("r".repeat(AvroLimits.DEFAULT_MAX_STRING_BYTES - 1));
    byte[] bytes = serde.serializer().serialize(TOPIC, letter);
    assertThat(serde.deserializer().deserialize(TOPIC, bytes).getReason())
        .hasSize(AvroLimits.DEFAULT_MAX_STRING_BYTES - 1);
  }

  private static byte[] withHeader(AvroSerde<?> serde, byte[] body) {
    return ByteBuffer.allocate(AvroSerde.HEADER_LENGTH + body.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put(AvroSerde.MARKER_0)
        .put(AvroSerde.MARKER_1)
        .putLong(SchemaHistory.fingerprint(serde.schema()))
        .put(body)
        .array();
  }

  /** Avro's zig-zag varint of a long. */
  static byte[] varint(long value) {
    long n = (value << 1) ^ (value >> 63);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
    return out.toByteArray();
  }

  /** Bytes this thread allocated while running {@code action} (HotSpot's per-thread counter). */
  private static long allocatedBy(Runnable action) {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    action.run();
    return threads.getThreadAllocatedBytes(id) - before;
  }
}
