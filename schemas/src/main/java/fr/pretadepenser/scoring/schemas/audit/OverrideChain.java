package fr.pretadepenser.scoring.schemas.audit;

import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.schemas.TrustedEventClasses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The hash chain of the oversight trail ({@code decision-overrides}).
 *
 * <p><b>Canonical bytes</b> of an entry: the Avro binary encoding (plain binary, not the
 * single-object encoding: no header, no fingerprint) of the {@code DecisionOverride} record under
 * its schema as first committed (version 1: its 19 fields in their order), with {@code hash} set to
 * the empty string and every other field as recorded, {@code previous_hash} included. Avro binary
 * is already deterministic (fixed field order, zig-zag varints, UTF-8 strings with their length,
 * doubles as IEEE 754 little-endian), so nothing has to be sorted or normalised.
 *
 * <p><b>Hash</b>: lower-case hex of SHA-256 over those bytes. The first entry (sequence 0) has
 * {@code previous_hash} = {@link #GENESIS} (64 zeros); entry n+1 has entry n's hash. Because the
 * previous hash is inside the hashed bytes, changing any entry changes its hash and so breaks the
 * link from the next one; removing one leaves a gap in the sequence and a broken link.
 *
 * <p>A later version of the schema must keep hashing old entries with version 1's fields: {@code
 * OverrideChainTest} pins the hash of a known entry so that a schema change that would alter the
 * canonical bytes fails the build.
 */
public final class OverrideChain {

  /** The previous hash of the first entry: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  /**
   * Where the chain ends: the sequence the next entry takes and the hash it links to.
   *
   * @param nextSequence 0 for an empty chain
   * @param lastHash {@link #GENESIS} for an empty chain
   */
  public record Tail(long nextSequence, String lastHash) {

    /** The tail of an empty chain. */
    public static final Tail EMPTY = new Tail(0, GENESIS);

    /** The tail after {@code entry} (a sealed entry). */
    public static Tail after(DecisionOverride entry) {
      return new Tail(entry.getSequence() + 1, entry.getHash());
    }
  }

  private OverrideChain() {}

  static {
    // Avro's specific writer and reader look the generated classes up by name.
    TrustedEventClasses.install();
  }

  /** The canonical bytes of {@code entry} (see the class comment): its hash is ignored. */
  public static byte[] canonical(DecisionOverride entry) {
    DecisionOverride copy = DecisionOverride.newBuilder(entry).setHash("").build();
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new SpecificDatumWriter<>(DecisionOverride.class).write(copy, encoder);
      encoder.flush();
    } catch (IOException e) {
      // A byte array does not fail.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Hex SHA-256 of the canonical bytes of {@code entry}: what its {@code hash} must be. */
  public static String hash(DecisionOverride entry) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical(entry)));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform has SHA-256.
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code entry} placed at the end of the chain: its sequence and previous hash from {@code tail},
   * its hash computed. The caller fills every other field.
   */
  public static DecisionOverride seal(DecisionOverride.Builder entry, Tail tail) {
    DecisionOverride linked =
        entry.setSequence(tail.nextSequence()).setPreviousHash(tail.lastHash()).setHash("").build();
    linked.setHash(hash(linked));
    return linked;
  }
}
