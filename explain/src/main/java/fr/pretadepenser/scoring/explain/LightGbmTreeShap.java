package fr.pretadepenser.scoring.explain;

import com.microsoft.ml.lightgbm.PredictionType;
import fr.pretadepenser.scoring.model.LightGbmNative;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * LightGBM's own TreeSHAP (predict with {@code C_API_PREDICT_CONTRIB}) over a pool of boosters
 * loaded from the same model text, one per caller at a time. LightGBM's predict is guarded by a
 * shared lock, but preparing a contribution prediction rewrites every tree's cached depth; a
 * booster per thread keeps concurrent callers from racing on that native state, and the pool bounds
 * how many copies of the model are loaded. One LightGBM thread per call: parallelism comes from
 * callers (Kafka partitions), and one thread keeps the order of each sum fixed.
 */
final class LightGbmTreeShap implements TreeShapEngine {

  private static final String PARAMETERS = "num_threads=1";

  private final String modelText;
  private final int features;
  private final BlockingQueue<LGBMBooster> idle;
  private final List<LGBMBooster> all = new ArrayList<>();
  private final int capacity;
  private volatile boolean closed;

  LightGbmTreeShap(String modelText, int capacity) {
    LightGbmNative.load();
    this.modelText = modelText;
    this.capacity = capacity;
    this.idle = new ArrayBlockingQueue<>(capacity);
    LGBMBooster first = create();
    try {
      this.features = first.getNumFeature();
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM cannot read the model: " + e.getMessage(), e);
    }
    idle.add(first);
  }

  @Override
  public int features() {
    return features;
  }

  /** The feature names written in the model text. */
  @Override
  public List<String> featureNames() {
    LGBMBooster booster = borrow();
    try {
      return List.of(booster.getFeatureNames());
    } catch (LGBMException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } finally {
      idle.add(booster);
    }
  }

  /**
   * The contributions of one row: {@code features} values, then the base value (LightGBM's layout
   * for a binary model).
   */
  @Override
  public double[] contributions(double[] row) {
    if (row.length != features) {
      throw new IllegalArgumentException("expected " + features + " features, got " + row.length);
    }
    LGBMBooster booster = borrow();
    try {
      return booster.predictForMat(
          row, 1, features, true, PredictionType.C_API_PREDICT_CONTRIB, PARAMETERS);
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM TreeSHAP failed: " + e.getMessage(), e);
    } finally {
      idle.add(booster);
    }
  }

  private LGBMBooster borrow() {
    if (closed) {
      throw new IllegalStateException("the explainer is closed");
    }
    LGBMBooster booster = idle.poll();
    if (booster != null) {
      return booster;
    }
    synchronized (all) {
      if (all.size() < capacity) {
        return create();
      }
    }
    try {
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a LightGBM booster", e);
    }
  }

  private LGBMBooster create() {
    try {
      LGBMBooster booster = LGBMBooster.loadModelFromString(modelText);
      synchronized (all) {
        all.add(booster);
      }
      return booster;
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM cannot load the model: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (all) {
      for (LGBMBooster booster : all) {
        try {
          booster.close();
        } catch (LGBMException ignored) {
          // Closing frees native memory; nothing else to do if LightGBM complains.
        }
      }
      all.clear();
    }
  }
}
