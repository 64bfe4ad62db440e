package fr.pretadepenser.scoring.schemas.audit;

import fr.pretadepenser.scoring.events.DecisionOverride;

/**
 * Checks a trail entry by entry, in the order it was read, and keeps the first break: an entry
 * whose content was changed (its hash is not the hash of its content), an entry removed (a gap in
 * the sequence, and the next entry's previous hash names a hash that is not there), entries
 * reordered (a sequence out of place), or a record that could not be read at all. After a break it
 * goes on counting but the verdict stays the first break: the entries after it cannot be trusted to
 * mean anything.
 *
 * <p>Not thread-safe; one verifier per read of a trail.
 */
public final class ChainVerifier {

  /**
   * The outcome, as the last line of {@code bin/scoring audit verify} prints it.
   *
   * @param entries records read (readable or not)
   * @param valid whether every entry links to the one before it
   * @param firstBroken the sequence the chain breaks at (the position where an entry was expected
   *     and something else found), null when valid
   * @param reason why it broke, null when valid
   */
  public record Verdict(long entries, boolean valid, Long firstBroken, String reason) {

    /** One JSON line: {@code {"entries":N,"valid":…,"first_broken":…,"reason":…}}. */
    public String json() {
      return "{\"entries\":"
          + entries
          + ",\"valid\":"
          + valid
          + ",\"first_broken\":"
          + (firstBroken == null ? "null" : firstBroken.toString())
          + ",\"reason\":"
          + (reason == null ? "null" : quote(reason))
          + "}";
    }

    private static String quote(String s) {
      StringBuilder b = new StringBuilder(s.length() + 2).append('"');
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          default -> {
            if (c < 0x20) {
              b.append(String.format("\\u%04x", (int) c));
            } else {
              b.append(c);
            }
          }
        }
      }
      return b.append('"').toString();
    }
  }

  private OverrideChain.Tail tail = OverrideChain.Tail.EMPTY;
  private long entries;
  private Long firstBroken;
  private String reason;

  /** The next entry of the trail. */
  public void accept(DecisionOverride entry) {
    entries++;
    if (firstBroken != null) {
      return;
    }
    long expected = tail.nextSequence();
    if (entry.getSequence() != expected) {
      broken(
          expected,
          entry.getSequence() > expected
              ? "sequence "
                  + expected
                  + " is missing: the entry in its place is sequence "
                  + entry.getSequence()
              : "sequence "
                  + entry.getSequence()
                  + " found where sequence "
                  + expected
                  + " was expected (entries reordered or repeated)");
      return;
    }
    if (!tail.lastHash().equals(entry.getPreviousHash())) {
      broken(
          expected,
          "sequence "
              + expected
              + " links to previous hash "
              + entry.getPreviousHash()
              + " but the entry before it hashes to "
              + tail.lastHash());
      return;
    }
    String actual = OverrideChain.hash(entry);
    if (!actual.equals(entry.getHash())) {
      broken(
          expected,
          "sequence "
              + expected
              + " was changed: its content hashes to "
              + actual
              + ", the recorded hash is "
              + entry.getHash());
      return;
    }
    tail = OverrideChain.Tail.after(entry);
  }

  /** The next record of the trail could not be decoded ({@code why}). */
  public void unreadable(String why) {
    entries++;
    if (firstBroken == null) {
      broken(
          tail.nextSequence(),
          "the record after sequence " + (tail.nextSequence() - 1) + " cannot be read: " + why);
    }
  }

  private void broken(long sequence, String why) {
    firstBroken = sequence;
    reason = why;
  }

  /** The verdict over everything accepted so far. */
  public Verdict verdict() {
    return new Verdict(entries, firstBroken == null, firstBroken, reason);
  }

  /** Where the chain ends, as far as it holds. */
  public OverrideChain.Tail tail() {
    return tail;
  }

  /** Verifies a whole trail. */
  public static Verdict verify(Iterable<DecisionOverride> trail) {
    ChainVerifier v = new ChainVerifier();
    for (DecisionOverride e : trail) {
      v.accept(e);
    }
    return v.verdict();
  }
}
