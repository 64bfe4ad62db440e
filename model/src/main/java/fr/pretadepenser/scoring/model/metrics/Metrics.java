package fr.pretadepenser.scoring.model.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ranking and calibration metrics of probabilities against 0/1 labels.
 *
 * <p>Written by hand: these are a few lines each, and the Java statistics libraries on offer either
 * lack ROC AUC with ties (Commons Math) or bring a large, copyleft dependency (Smile) for it.
 */
public final class Metrics {

  private Metrics() {}

  /** ROC AUC as the Mann–Whitney statistic; tied scores count one half. */
  public static double auc(double[] scores, int[] labels) {
    long positives = Arrays.stream(labels).filter(y -> y == 1).count();
    long negatives = labels.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return auc(midRanks(scores), labels, positives, negatives);
  }

  /**
   * The standard error of {@link #auc} by DeLong, DeLong and Clarke-Pearson (1988), without
   * assuming a distribution of the scores; NaN when there are fewer than two of either class.
   *
   * <p>Each positive's share of negatives it outranks (ties half), and each negative's share of
   * positives that outrank it, are the structural components; the AUC's variance is the sample
   * variance of the first over the positives' count plus that of the second over the negatives'.
   * Both shares come from mid-ranks, so this is O(n log n) rather than the O(positives × negatives)
   * of the pairs.
   */
  public static double aucStandardError(double[] scores, int[] labels) {
    int n = scores.length;
    int positives = (int) Arrays.stream(labels).filter(y -> y == 1).count();
    int negatives = n - positives;
    if (positives < 2 || negatives < 2) {
      return Double.NaN;
    }
    return aucStandardError(scores, labels, midRanks(scores), positives, negatives);
  }

  /** {@link #auc} and its {@link #aucStandardError} (NaN as there). */
  public record Auc(double value, double standardError) {}

  /**
   * {@link #auc} and {@link #aucStandardError} at once, ranking all the scores once instead of
   * twice; the same values as the two calls.
   */
  public static Auc aucWithError(double[] scores, int[] labels) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(
          scores.length + " scores for " + labels.length + " labels");
    }
    int positives = (int) Arrays.stream(labels).filter(y -> y == 1).count();
    int negatives = labels.length - positives;
    if (positives == 0 || negatives == 0) {
      return new Auc(Double.NaN, Double.NaN);
    }
    double[] ranks = midRanks(scores);
    double value = auc(ranks, labels, positives, negatives);
    double standardError =
        positives < 2 || negatives < 2
            ? Double.NaN
            : aucStandardError(scores, labels, ranks, positives, negatives);
    return new Auc(value, standardError);
  }

  /** The Mann–Whitney AUC from the mid-ranks of all the scores. */
  private static double auc(double[] ranks, int[] labels, long positives, long negatives) {
    double rankSum = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == 1) {
        rankSum += ranks[i];
      }
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** DeLong's standard error, {@code all} being the mid-ranks of all the scores. */
  private static double aucStandardError(
      double[] scores, int[] labels, double[] all, int positives, int negatives) {
    int n = scores.length;
    double[] pos = new double[positives];
    double[] neg = new double[negatives];
    for (int i = 0, a = 0, b = 0; i < n; i++) {
      if (labels[i] == 1) {
        pos[a++] = scores[i];
      } else {
        neg[b++] = scores[i];
      }
    }
    double[] withinPos = midRanks(pos);
    double[] withinNeg = midRanks(neg);
    double[] v10 = new double[positives];
    double[] v01 = new double[negatives];
    for (int i = 0, a = 0, b = 0; i < n; i++) {
      if (labels[i] == 1) {
        v10[a] = (all[i] - withinPos[a]) / negatives;
        a++;
      } else {
        v01[b] = 1 - (all[i] - withinNeg[b]) / positives;
        b++;
      }
    }
    double s10 = std(v10);
    double s01 = std(v01);
    return Math.sqrt(s10 * s10 / positives + s01 * s01 / negatives);
  }

  /** 1-based ranks in ascending order, tied values sharing the mean of their ranks. */
  static double[] midRanks(double[] values) {
    Integer[] order = order(values);
    double[] ranks = new double[values.length];
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = midRank;
      }
      i = j + 1;
    }
    return ranks;
  }

  /** A point of the ROC curve. */
  public record RocPoint(double falsePositiveRate, double truePositiveRate) {}

  /** The ROC curve, one point per distinct score, from (0,0) to (1,1). */
  public static List<RocPoint> roc(double[] scores, int[] labels) {
    Integer[] order = order(scores);
    long positives = Arrays.stream(labels).filter(y -> y == 1).count();
    long negatives = labels.length - positives;
    List<RocPoint> points = new ArrayList<>();
    points.add(new RocPoint(0, 0));
    long tp = 0;
    long fp = 0;
    for (int i = order.length - 1; i >= 0; i--) {
      if (labels[order[i]] == 1) {
        tp++;
      } else {
        fp++;
      }
      if (i == 0 || scores[order[i - 1]] != scores[order[i]]) {
        points.add(new RocPoint((double) fp / negatives, (double) tp / positives));
      }
    }
    return points;
  }

  /** Mean squared difference between probability and outcome. */
  public static double brier(double[] probabilities, int[] labels) {
    double sum = 0;
    for (int i = 0; i < probabilities.length; i++) {
      double d = probabilities[i] - labels[i];
      sum += d * d;
    }
    return sum / probabilities.length;
  }

  /** One bin of a reliability curve: mean predicted probability beside the observed rate. */
  public record ReliabilityBin(
      double lower, double upper, int count, double meanPredicted, double observedRate) {}

  /**
   * Reliability curve over bins of equal count (quantiles of the predictions), so that each point
   * rests on the same number of applicants even when most probabilities are small.
   */
  public static List<ReliabilityBin> reliability(double[] probabilities, int[] labels, int bins) {
    Integer[] order = order(probabilities);
    List<ReliabilityBin> out = new ArrayList<>();
    int n = order.length;
    for (int b = 0; b < bins; b++) {
      int from = (int) ((long) n * b / bins);
      int to = (int) ((long) n * (b + 1) / bins);
      if (to <= from) {
        continue;
      }
      double sumP = 0;
      int sumY = 0;
      for (int i = from; i < to; i++) {
        sumP += probabilities[order[i]];
        sumY += labels[order[i]];
      }
      out.add(
          new ReliabilityBin(
              probabilities[order[from]],
              probabilities[order[to - 1]],
              to - from,
              sumP / (to - from),
              (double) sumY / (to - from)));
    }
    return out;
  }

  public static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(Double.NaN);
  }

  /** Sample standard deviation (n − 1), the spread usually quoted for CV folds. */
  public static double std(double[] values) {
    if (values.length < 2) {
      return 0;
    }
    double m = mean(values);
    double s = 0;
    for (double v : values) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (values.length - 1));
  }

  /** Indices sorted by ascending score. */
  static Integer[] order(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    return order;
  }
}
