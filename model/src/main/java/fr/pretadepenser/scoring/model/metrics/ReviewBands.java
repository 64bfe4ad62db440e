package fr.pretadepenser.scoring.model.metrics;

import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.model.ReviewBand;
import java.util.Locale;

/**
 * The default review band of a model, chosen from its out-of-fold probabilities and outcomes.
 *
 * <p><b>The rule.</b> Moving the threshold from its cost-minimising place down to {@code low}
 * refuses the applicants in between instead of granting them; moving it up to {@code high} grants
 * those in between instead of refusing them. The band is the widest such range around the threshold
 * where either move changes the out-of-fold business cost by at most {@link #DEFAULT_MARGIN} of its
 * minimum: for the applicants inside, the expected cost of granting and of refusing differ by less
 * than that margin, so the figures cannot tell which decision is cheaper and an advisor decides. It
 * grows from the threshold one distinct score at a time towards the cheaper side, and stops on each
 * side at the first score beyond the margin, or when {@link #DEFAULT_MAX_SHARE} of the applicants
 * would be inside (the advisors' capacity).
 *
 * <p>Reusable for any model (the thin-file model's bundle calls it on its own out-of-fold
 * predictions). One sort, then linear in the number of applicants.
 */
public final class ReviewBands {

  /** Every threshold inside the band costs at most 5% more than the best one, out of fold. */
  public static final double DEFAULT_MARGIN = 0.05;

  /** At most a tenth of the applicants go to an advisor. */
  public static final double DEFAULT_MAX_SHARE = 0.10;

  private ReviewBands() {}

  /** The band of the rule with its default margin and cap. */
  public static ModelCard.ReviewBandChoice choose(
      double[] p, int[] labels, BusinessCost cost, double threshold) {
    return choose(p, labels, cost, threshold, DEFAULT_MARGIN, DEFAULT_MAX_SHARE);
  }

  /**
   * The band of the rule.
   *
   * @param p out-of-fold probabilities of default
   * @param labels the outcomes (1 = defaulted), same order
   * @param threshold the model's threshold (the cost-minimising one; its cost is the reference)
   * @param margin the largest relative cost increase allowed inside the band, at least 0
   * @param maxShare the largest share of applicants inside the band, in (0, 1]
   * @return the choice, its figures and why; low and high null when no applicant fits (a cost curve
   *     too steep on both sides of the threshold, or no applicant at all)
   */
  public static ModelCard.ReviewBandChoice choose(
      double[] p,
      int[] labels,
      BusinessCost cost,
      double threshold,
      double margin,
      double maxShare) {
    if (!(margin >= 0) || !(maxShare > 0 && maxShare <= 1)) {
      throw new IllegalArgumentException(
          "margin must be at least 0 and maxShare in (0, 1]: " + margin + ", " + maxShare);
    }
    Curve c = new Curve(p, labels, cost);
    int star = c.cutBelow(threshold);
    double minCost = c.cost(star);
    double limit = minCost * (1 + margin);
    long maxCount = (long) Math.floor(maxShare * p.length);
    int lo = star;
    int hi = star;
    while (true) {
      boolean down = lo > 0 && c.cost(lo - 1) <= limit && c.count(lo - 1, hi) <= maxCount;
      boolean up = hi < c.groups() && c.cost(hi + 1) <= limit && c.count(lo, hi + 1) <= maxCount;
      if (!down && !up) {
        break;
      }
      if (down && (!up || c.cost(lo - 1) <= c.cost(hi + 1))) {
        lo--;
      } else {
        hi++;
      }
    }
    if (lo == hi) {
      return new ModelCard.ReviewBandChoice(
          null,
          null,
          String.format(
              Locale.ROOT,
              "No review band: out of fold, moving the threshold %.4f by a single score already"
                  + " changes the business cost by more than %.0f%% of its minimum (%.0f), or"
                  + " would put more than %.0f%% of applicants in review.",
              threshold,
              margin * 100,
              minCost,
              maxShare * 100),
          null,
          ModelCard.ReviewBandChoice.OUT_OF_FOLD,
          margin,
          maxShare,
          0,
          0,
          minCost,
          null,
          null,
          null);
    }
    double low = Math.min(c.edge(lo), threshold);
    double high = Math.max(c.edge(hi), threshold);
    int applicants = (int) c.count(lo, hi);
    double share = p.length == 0 ? 0 : (double) applicants / p.length;
    String why =
        String.format(
            Locale.ROOT,
            "An advisor decides probabilities of default from %.4f to %.4f (%.1f%% of applicants"
                + " out of fold): moving the threshold %.4f anywhere in this band changes the"
                + " out-of-fold business cost by at most %.0f%% of its minimum (%.0f), so the"
                + " figures cannot tell whether granting or refusing these applicants is cheaper."
                + " The band grows from the threshold one score at a time towards the cheaper"
                + " side and stops at that margin or at %.0f%% of applicants, the advisors'"
                + " capacity; at its edges the cost is %.1f%% and %.1f%% above the minimum.",
            low,
            high,
            share * 100,
            threshold,
            margin * 100,
            minCost,
            maxShare * 100,
            minCost > 0 ? 100 * (c.cost(lo) / minCost - 1) : 0.0,
            minCost > 0 ? 100 * (c.cost(hi) / minCost - 1) : 0.0);
    return new ModelCard.ReviewBandChoice(
        low,
        high,
        why,
        share,
        ModelCard.ReviewBandChoice.OUT_OF_FOLD,
        margin,
        maxShare,
        applicants,
        (int) c.defaulters(lo, hi),
        minCost,
        c.cost(lo),
        c.cost(hi),
        p.length == 0 ? null : (double) c.count(0, lo) / p.length);
  }

  /**
   * A band set by hand ({@code --review-band LOW,HIGH}), with its out-of-fold figures.
   *
   * @throws IllegalArgumentException when the band does not contain the threshold
   */
  public static ModelCard.ReviewBandChoice given(
      double[] p, int[] labels, BusinessCost cost, double threshold, ReviewBand band) {
    band.requireContains(threshold);
    Curve c = new Curve(p, labels, cost);
    int lo = c.cutBelow(band.low());
    int hi = c.cutBelow(band.high());
    int applicants = (int) c.count(lo, hi);
    double share = p.length == 0 ? 0 : (double) applicants / p.length;
    return new ModelCard.ReviewBandChoice(
        band.low(),
        band.high(),
        String.format(
            Locale.ROOT,
            "Set by hand at training (--review-band %s,%s): %.1f%% of applicants out of fold.",
            band.low(),
            band.high(),
            share * 100),
        share,
        ModelCard.ReviewBandChoice.OPTION,
        null,
        null,
        applicants,
        (int) c.defaulters(lo, hi),
        c.cost(c.cutBelow(threshold)),
        c.cost(lo),
        c.cost(hi),
        p.length == 0 ? null : (double) c.count(0, lo) / p.length);
  }

  /** The card of a band switched off at training ({@code --review-band off}). */
  public static ModelCard.ReviewBandChoice off() {
    return new ModelCard.ReviewBandChoice(
        null,
        null,
        "Switched off at training (--review-band off): the threshold alone decides.",
        null,
        ModelCard.ReviewBandChoice.OFF,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * The cost of every cut between distinct scores: cut k grants the k lowest distinct scores and
   * refuses the rest.
   */
  private static final class Curve {
    private final double[] values;
    private final long[] countBefore;
    private final long[] defaultersBefore;
    private final long totalGood;
    private final BusinessCost cost;

    Curve(double[] p, int[] labels, BusinessCost cost) {
      if (p.length != labels.length) {
        throw new IllegalArgumentException(
            p.length + " probabilities for " + labels.length + " outcomes");
      }
      this.cost = cost;
      Integer[] order = Metrics.order(p);
      int n = order.length;
      double[] v = new double[n];
      long[] count = new long[n + 1];
      long[] bad = new long[n + 1];
      int g = 0;
      int i = 0;
      while (i < n) {
        double value = p[order[i]];
        long k = 0;
        long d = 0;
        while (i < n && p[order[i]] == value) {
          d += labels[order[i]] == 1 ? 1 : 0;
          k++;
          i++;
        }
        v[g] = value;
        count[g + 1] = count[g] + k;
        bad[g + 1] = bad[g] + d;
        g++;
      }
      this.values = java.util.Arrays.copyOf(v, g);
      this.countBefore = java.util.Arrays.copyOf(count, g + 1);
      this.defaultersBefore = java.util.Arrays.copyOf(bad, g + 1);
      this.totalGood = count[g] - bad[g];
    }

    int groups() {
      return values.length;
    }

    /** The cut of a threshold: how many distinct scores lie below it. */
    int cutBelow(double threshold) {
      int k = java.util.Arrays.binarySearch(values, threshold);
      return k >= 0 ? k : -k - 1;
    }

    /** Granted defaulters cost costFn each, refused good clients costFp each. */
    double cost(int cut) {
      long fn = defaultersBefore[cut];
      long goodGranted = countBefore[cut] - defaultersBefore[cut];
      long fp = totalGood - goodGranted;
      return cost.costFn() * fn + cost.costFp() * fp;
    }

    long count(int from, int to) {
      return countBefore[to] - countBefore[from];
    }

    long defaulters(int from, int to) {
      return defaultersBefore[to] - defaultersBefore[from];
    }

    /**
     * The probability at a cut, as {@link BusinessCost#choose} places its threshold: halfway
     * between the two scores it separates.
     */
    double edge(int cut) {
      if (values.length == 0) {
        return 0.5;
      }
      if (cut == 0) {
        return values[0];
      }
      if (cut == values.length) {
        return Math.min(1.0, Math.nextUp(values[values.length - 1]));
      }
      double a = values[cut - 1];
      double b = values[cut];
      double mid = a + (b - a) / 2;
      return mid > a ? mid : b;
    }
  }
}
