package fr.pretadepenser.scoring.model.metrics;

import fr.pretadepenser.scoring.model.DecisionRule;
import fr.pretadepenser.scoring.model.ModelCard;
import java.util.ArrayList;
import java.util.List;

/**
 * The lender's cost of a set of decisions: {@code costFn} for each defaulter granted a loan (a
 * false negative) and {@code costFp} for each good client refused (a false positive). A probability
 * at or above the threshold refuses ({@link DecisionRule}).
 */
public record BusinessCost(double costFn, double costFp) {

  public BusinessCost {
    if (!(costFn > 0) || !(costFp > 0)) {
      throw new IllegalArgumentException("costs must be positive");
    }
  }

  public double of(ModelCard.Confusion c) {
    return costFn * c.fn() + costFp * c.fp();
  }

  public static ModelCard.Confusion confusion(double[] p, int[] labels, double threshold) {
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    for (int i = 0; i < p.length; i++) {
      boolean refused = DecisionRule.refuses(p[i], threshold);
      if (labels[i] == 1) {
        tp += refused ? 1 : 0;
        fn += refused ? 0 : 1;
      } else {
        fp += refused ? 1 : 0;
        tn += refused ? 0 : 1;
      }
    }
    return new ModelCard.Confusion(tp, fp, tn, fn);
  }

  /** The cost of granting everyone: every defaulter is a false negative. */
  public double grantAll(int[] labels) {
    long positives = 0;
    for (int y : labels) {
      positives += y;
    }
    return costFn * positives;
  }

  /** The cost of refusing everyone: every good client is a false positive. */
  public double refuseAll(int[] labels) {
    long positives = 0;
    for (int y : labels) {
      positives += y;
    }
    return costFp * (labels.length - positives);
  }

  /** A candidate threshold with its cost. */
  public record Point(double threshold, double cost) {}

  /** The chosen threshold, its cost, and the whole cost curve for the report. */
  public record Choice(double threshold, double cost, List<Point> curve) {}

  /**
   * The threshold minimising the cost on the given predictions. Every cut between two distinct
   * probabilities is tried (one sorted sweep); the threshold is put halfway between the two
   * probabilities of the best cut, so that it does not sit on one applicant's exact score. Ties in
   * cost keep the lowest threshold (more refusals of risky clients at equal cost).
   */
  public Choice choose(double[] p, int[] labels) {
    Integer[] order = Metrics.order(p);
    int n = order.length;
    long positives = 0;
    for (int y : labels) {
      positives += y;
    }
    // Cut at index i: rows order[i..n) are refused. Start with everyone refused (i = 0).
    long fn = 0;
    long fp = n - positives;
    double bestCost = costFn * fn + costFp * fp;
    double bestThreshold = n == 0 ? 0.5 : p[order[0]];
    List<Point> curve = new ArrayList<>();
    curve.add(new Point(bestThreshold, bestCost));
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && p[order[j]] == p[order[i]]) {
        if (labels[order[j]] == 1) {
          fn++;
        } else {
          fp--;
        }
        j++;
      }
      double cost = costFn * fn + costFp * fp;
      double threshold =
          j < n ? midpoint(p[order[j - 1]], p[order[j]]) : Math.nextUp(p[order[n - 1]]);
      curve.add(new Point(threshold, cost));
      if (cost < bestCost) {
        bestCost = cost;
        bestThreshold = threshold;
      }
      i = j;
    }
    return new Choice(bestThreshold, bestCost, thin(curve, 400));
  }

  /**
   * A threshold strictly above {@code low} and at most {@code high}, as near halfway as doubles
   * allow.
   */
  private static double midpoint(double low, double high) {
    double mid = low + (high - low) / 2;
    return mid > low ? mid : high;
  }

  /** Keeps about {@code max} points of a long curve for plotting, always the extremes. */
  private static List<Point> thin(List<Point> curve, int max) {
    if (curve.size() <= max) {
      return curve;
    }
    List<Point> out = new ArrayList<>();
    double step = (double) (curve.size() - 1) / (max - 1);
    for (int k = 0; k < max; k++) {
      out.add(curve.get((int) Math.round(k * step)));
    }
    return out;
  }
}
