package fr.pretadepenser.scoring.app.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * When {@code scoring chaos} kills which part: a list drawn from the seed alone, so that a run that
 * failed can be run again with the same kills in the same order.
 *
 * <p>Each kill fires once that share of the applications has been decided (and the previous kill's
 * part is back), between {@link #FIRST} and {@link #LAST} of the run: early enough that
 * applications are still being published, some of them waiting for their history, and late enough
 * that every part has started and has work. The shares are spread evenly over that span, one per
 * slot, each at a seeded place inside its slot, so two kills never land on the same instant; the
 * kinds are shuffled across the slots and each kill's target (which scorer, broker or explainer) is
 * drawn among that kind's instances.
 */
public final class ChaosSchedule {

  /** Earliest point of a kill, as a share of the applications decided. */
  public static final double FIRST = 0.05;

  /** Latest point of a kill. */
  public static final double LAST = 0.75;

  /** A kind of part. */
  public enum Kind {
    SCORER,
    BROKER,
    EXPLAINER;

    /** Lower-case name, as the JSON line and the logs say it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One kill.
   *
   * @param kind which kind of part
   * @param target which instance, 0-based
   * @param atDecided the share of applications decided at which it fires
   */
  public record Kill(Kind kind, int target, double atDecided) {}

  private ChaosSchedule() {}

  /**
   * The kills of a run: {@code scorerKills} of the {@code scorers} scorers, {@code brokerKills} of
   * the brokers, {@code explainerKills} of the explainers, in the order they fire.
   *
   * @throws IllegalArgumentException for a negative count, or kills of a kind with no instance
   */
  public static List<Kill> draw(
      long seed,
      int scorers,
      int scorerKills,
      int brokers,
      int brokerKills,
      int explainers,
      int explainerKills) {
    check("scorer", scorers, scorerKills);
    check("broker", brokers, brokerKills);
    check("explainer", explainers, explainerKills);
    List<Kind> kinds = new ArrayList<>();
    for (int i = 0; i < scorerKills; i++) {
      kinds.add(Kind.SCORER);
    }
    for (int i = 0; i < brokerKills; i++) {
      kinds.add(Kind.BROKER);
    }
    for (int i = 0; i < explainerKills; i++) {
      kinds.add(Kind.EXPLAINER);
    }
    SplittableRandom random = new SplittableRandom(seed);
    // Fisher-Yates with the seeded generator: the order of the kinds is the seed's.
    for (int i = kinds.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Kind t = kinds.get(i);
      kinds.set(i, kinds.get(j));
      kinds.set(j, t);
    }
    List<Kill> kills = new ArrayList<>();
    int n = kinds.size();
    double slot = n == 0 ? 0 : (LAST - FIRST) / n;
    for (int i = 0; i < n; i++) {
      Kind kind = kinds.get(i);
      int instances =
          switch (kind) {
            case SCORER -> scorers;
            case BROKER -> brokers;
            case EXPLAINER -> explainers;
          };
      // Inside the slot's middle 80%, so neighbours keep a tenth of a slot apart at least.
      double at = FIRST + slot * (i + 0.1 + 0.8 * random.nextDouble());
      kills.add(new Kill(kind, random.nextInt(instances), at));
    }
    kills.sort(Comparator.comparingDouble(Kill::atDecided));
    return List.copyOf(kills);
  }

  private static void check(String kind, int instances, int kills) {
    if (instances < 0 || kills < 0) {
      throw new IllegalArgumentException(
          "--" + kind + "s and --kill-" + kind + " must be 0 or more");
    }
    if (kills > 0 && instances == 0) {
      throw new IllegalArgumentException(
          "--kill-" + kind + " " + kills + " with no " + kind + " to kill");
    }
  }
}
