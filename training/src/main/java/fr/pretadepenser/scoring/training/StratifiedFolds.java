package fr.pretadepenser.scoring.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Stratified k-fold assignment: each class is shuffled with the seed and dealt round-robin to the
 * folds, so every fold keeps the default rate of the whole set (±1 row per class).
 */
public final class StratifiedFolds {

  private final int[] foldOf;
  private final int k;

  private StratifiedFolds(int[] foldOf, int k) {
    this.foldOf = foldOf;
    this.k = k;
  }

  public static StratifiedFolds of(int[] labels, int k, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("at least 2 folds are needed, not " + k);
    }
    int[] foldOf = new int[labels.length];
    SplittableRandom random = new SplittableRandom(seed);
    for (int cls = 0; cls <= 1; cls++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == cls) {
          members.add(i);
        }
      }
      if (members.size() < k) {
        throw new IllegalArgumentException(
            "only "
                + members.size()
                + " rows with TARGET = "
                + cls
                + ": too few for "
                + k
                + " stratified folds");
      }
      // Fisher–Yates with the seeded generator: the same seed gives the same folds everywhere.
      for (int i = members.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        Integer t = members.get(i);
        members.set(i, members.get(j));
        members.set(j, t);
      }
      for (int i = 0; i < members.size(); i++) {
        foldOf[members.get(i)] = i % k;
      }
    }
    return new StratifiedFolds(foldOf, k);
  }

  public int count() {
    return k;
  }

  public int[] validation(int fold) {
    return select(fold, true);
  }

  public int[] training(int fold) {
    return select(fold, false);
  }

  private int[] select(int fold, boolean inFold) {
    int n = 0;
    for (int f : foldOf) {
      n += (f == fold) == inFold ? 1 : 0;
    }
    int[] rows = new int[n];
    int j = 0;
    for (int i = 0; i < foldOf.length; i++) {
      if ((foldOf[i] == fold) == inFold) {
        rows[j++] = i;
      }
    }
    return rows;
  }
}
