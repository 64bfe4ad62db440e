package fr.pretadepenser.scoring.schemas.audit;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.events.OverrideCategory;
import fr.pretadepenser.scoring.events.OversightAction;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverrideChainTest {

  /** An entry of the chain at {@code tail}, its fields all set from {@code n}. */
  static DecisionOverride entry(OverrideChain.Tail tail, int n) {
    return OverrideChain.seal(
        DecisionOverride.newBuilder()
            .setOverrideId("00000000-0000-0000-0000-00000000000" + (n % 10))
            .setAction(n % 2 == 0 ? OversightAction.DECIDE_REVIEW : OversightAction.OVERRIDE)
            .setApplicationId("app-" + n)
            .setSKIDCURR(100_000L + n)
            .setDecisionId("dec-" + n)
            .setFromDecision(n % 2 == 0 ? DecisionOutcome.REVIEW : DecisionOutcome.REFUSED)
            .setToDecision(DecisionOutcome.GRANTED)
            .setCategory(OverrideCategory.INCOME_VERIFIED)
            .setReason("Payslips for three months seen, income confirmed (" + n + ")")
            .setActor("supervisor")
            .setActorRole("SUPERVISOR")
            .setAt(Instant.ofEpochMilli(1_800_000_000_000L + n))
            .setModelVersion("model-v1")
            .setProbability(0.0912345678901 + n / 1000.0)
            .setThreshold(0.0871),
        tail);
  }

  static List<DecisionOverride> chain(int size) {
    List<DecisionOverride> out = new ArrayList<>();
    OverrideChain.Tail tail = OverrideChain.Tail.EMPTY;
    for (int i = 0; i < size; i++) {
      DecisionOverride e = entry(tail, i);
      out.add(e);
      tail = OverrideChain.Tail.after(e);
    }
    return out;
  }

  @Test
  void aChainFromGenesisHolds() {
    List<DecisionOverride> trail = chain(5);
    assertThat(trail.get(0).getPreviousHash()).isEqualTo(OverrideChain.GENESIS).hasSize(64);
    assertThat(trail.get(1).getPreviousHash()).isEqualTo(trail.get(0).getHash());
    ChainVerifier.Verdict v = ChainVerifier.verify(trail);
    assertThat(v).isEqualTo(new ChainVerifier.Verdict(5, true, null, null));
    assertThat(v.json())
        .isEqualTo("{\"entries\":5,\"valid\":true,\"first_broken\":null,\"reason\":null}");
    assertThat(ChainVerifier.verify(List.of()).valid()).isTrue();
  }

  /**
   * The canonical bytes are pinned: a schema or encoding change that would make every recorded hash
   * unverifiable fails here first.
   */
  @Test
  void theCanonicalEncodingIsPinned() {
    DecisionOverride first = chain(1).get(0);
    byte[] canonical = OverrideChain.canonical(first);
    // Avro binary: sequence 0 is the zig-zag varint 0x00; the id is its length (36, zig-zag 72 =
    // 0x48) and its UTF-8 bytes.
    assertThat(canonical[0]).isEqualTo((byte) 0);
    assertThat(canonical[1]).isEqualTo((byte) 72);
    assertThat(new String(canonical, 2, 36, StandardCharsets.UTF_8))
        .isEqualTo("00000000-0000-0000-0000-000000000000");
    // The hash field is written empty: its length 0 is the last byte.
    assertThat(canonical[canonical.length - 1]).isEqualTo((byte) 0);
    assertThat(first.getHash())
        .isEqualTo(OverrideChain.hash(first))
        .isEqualTo("ff346a24ffb193b123da4d297c8ff6692fb43b8acb0a702834ac12f968be6816");
  }

  @Test
  void oneFlippedByteOfAnEntryIsFoundAtItsSequence() {
    List<DecisionOverride> trail = chain(4);
    DecisionOverride changed = DecisionOverride.newBuilder(trail.get(2)).build();
    byte[] reason = changed.getReason().toString().getBytes(StandardCharsets.UTF_8);
    reason[0] ^= 0x01; // 'P' becomes 'Q'
    changed.setReason(new String(reason, StandardCharsets.UTF_8));
    trail.set(2, changed);
    ChainVerifier.Verdict v = ChainVerifier.verify(trail);
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBroken()).isEqualTo(2L);
    assertThat(v.reason()).contains("sequence 2 was changed");
    assertThat(v.entries()).isEqualTo(4);
  }

  @Test
  void aChangedDoubleIsFound() {
    List<DecisionOverride> trail = chain(3);
    DecisionOverride changed = DecisionOverride.newBuilder(trail.get(0)).build();
    changed.setProbability(Math.nextUp(changed.getProbability()));
    trail.set(0, changed);
    assertThat(ChainVerifier.verify(trail).firstBroken()).isEqualTo(0L);
  }

  @Test
  void anEntryRehashedAfterAChangeBreaksTheNextLink() {
    // Whoever changes an entry and recomputes its hash still breaks the link from the next one.
    List<DecisionOverride> trail = chain(4);
    DecisionOverride changed = DecisionOverride.newBuilder(trail.get(1)).setReason("x").build();
    changed.setHash(OverrideChain.hash(changed));
    trail.set(1, changed);
    ChainVerifier.Verdict v = ChainVerifier.verify(trail);
    assertThat(v.firstBroken()).isEqualTo(2L);
    assertThat(v.reason()).contains("links to previous hash");
  }

  @Test
  void aRemovedEntryIsAGap() {
    List<DecisionOverride> trail = chain(5);
    trail.remove(3);
    ChainVerifier.Verdict v = ChainVerifier.verify(trail);
    assertThat(v.firstBroken()).isEqualTo(3L);
    assertThat(v.reason()).contains("sequence 3 is missing");
    // The first entry removed: the chain must start at 0.
    List<DecisionOverride> headless = chain(3);
    headless.remove(0);
    assertThat(ChainVerifier.verify(headless).firstBroken()).isEqualTo(0L);
  }

  @Test
  void reorderedEntriesAreFound() {
    List<DecisionOverride> trail = chain(5);
    Collections.swap(trail, 1, 2);
    ChainVerifier.Verdict v = ChainVerifier.verify(trail);
    assertThat(v.firstBroken()).isEqualTo(1L);
    List<DecisionOverride> repeated = chain(3);
    repeated.add(repeated.get(2));
    assertThat(ChainVerifier.verify(repeated).firstBroken()).isEqualTo(3L);
  }

  @Test
  void aSecondChainSplicedInIsFound() {
    // Entries sealed on a fork of the chain (same sequences, other content) do not link.
    List<DecisionOverride> trail = chain(3);
    DecisionOverride other =
        entry(OverrideChain.Tail.after(trail.get(0)), 7); // a different entry at sequence 1
    List<DecisionOverride> forked = new ArrayList<>(List.of(trail.get(0), other, trail.get(2)));
    assertThat(ChainVerifier.verify(forked).firstBroken()).isEqualTo(2L);
  }

  @Test
  void theExportedFileReadsBackToTheSameHashes() throws Exception {
    List<DecisionOverride> trail = chain(3);
    StringWriter out = new StringWriter();
    for (DecisionOverride e : trail) {
      TrailFile.write(out, e);
    }
    String text = out.toString();
    assertThat(text.lines()).hasSize(3);
    assertThat(TrailFile.parse(text.lines().toList().get(1))).isEqualTo(trail.get(1));
    assertThat(TrailFile.verify(new StringReader(text)).valid()).isTrue();

    // One byte of a string field flipped in the copy: found at that entry.
    int at = text.indexOf("Payslips", text.indexOf('\n') + 1);
    String flipped = text.substring(0, at) + 'Q' + text.substring(at + 1);
    ChainVerifier.Verdict v = TrailFile.verify(new StringReader(flipped));
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBroken()).isEqualTo(1L);

    // A line that is not an entry at all.
    String garbled = text.replaceFirst("\\{\"sequence\": ?1", "{\"sequence\":\"x\"");
    ChainVerifier.Verdict g = TrailFile.verify(new StringReader(garbled));
    assertThat(g.firstBroken()).isEqualTo(1L);
    assertThat(g.reason()).contains("line 2");
    assertThat(g.entries()).isEqualTo(3);

    // A line far too long is refused without being kept.
    String huge = text + "x".repeat(TrailFile.MAX_LINE + 10) + "\n";
    ChainVerifier.Verdict h = TrailFile.verify(new StringReader(huge));
    assertThat(h.firstBroken()).isEqualTo(3L);
    assertThat(h.reason()).contains("longer than");
  }
}
