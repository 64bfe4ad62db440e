package fr.pretadepenser.scoring.training;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import fr.pretadepenser.scoring.model.LightGbmNative;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.lang.reflect.Constructor;

/**
 * A feature matrix binned once by LightGBM, from which every fold's training and validation sets
 * are cut as row subsets, as LightGBM's own {@code cv} does. Binning 300,000 rows of 750 features
 * costs about as much as dozens of boosting rounds; doing it once per matrix instead of twice per
 * fold and per configuration is what makes full-scale cross-validation fit its time budget. The bin
 * boundaries come from feature values only (never labels), so sharing them across folds leaks
 * nothing about the validation labels.
 *
 * <p>lightgbm4j wraps {@code LGBM_DatasetGetSubset} in no public method, and its dataset
 * constructor from a native handle is package-private, hence the SWIG call and the reflective
 * constructor below.
 */
final class BinnedData implements AutoCloseable {

  static {
    LightGbmNative.load();
  }

  private static final Constructor<LGBMDataset> FROM_HANDLE;

  static {
    try {
      FROM_HANDLE = LGBMDataset.class.getDeclaredConstructor(SWIGTYPE_p_void.class);
      FROM_HANDLE.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final LGBMDataset full;
  private final String params;
  private final int rows;

  private BinnedData(LGBMDataset full, String params, int rows) {
    this.full = full;
    this.params = params;
    this.rows = rows;
  }

  /**
   * Bins {@code m} with its labels. {@code params} must hold the dataset-level parameters; {@code
   * feature_pre_filter=false} is added so that boosters with any {@code min_data_in_leaf} (the
   * search varies it) can share the bins.
   */
  static BinnedData of(FeatureMatrix m, BoosterParams params) {
    String p = params.with("feature_pre_filter", false).render();
    try {
      LGBMDataset d = LGBMDataset.createFromMat(m.values(), m.rows(), m.cols(), true, p, null);
      d.setFeatureNames(m.names().toArray(String[]::new));
      d.setField("label", m.labelField());
      return new BinnedData(d, p, m.rows());
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM could not bin the features: " + e.getMessage(), e);
    }
  }

  /** Every row. Owned by this object: do not close it. */
  LGBMDataset all() {
    return full;
  }

  int rows() {
    return rows;
  }

  /** The given rows (ascending indices) with their labels, sharing this data's bins; close it. */
  LGBMDataset subset(int[] rowIndices) {
    SWIGTYPE_p_int indices = lightgbmlib.new_intArray(rowIndices.length);
    SWIGTYPE_p_p_void out = lightgbmlib.new_voidpp();
    try {
      for (int i = 0; i < rowIndices.length; i++) {
        lightgbmlib.intArray_setitem(indices, i, rowIndices[i]);
      }
      int status =
          lightgbmlib.LGBM_DatasetGetSubset(full.handle, indices, rowIndices.length, params, out);
      if (status < 0) {
        throw new IllegalStateException(
            "LightGBM could not cut a subset of rows: " + lightgbmlib.LGBM_GetLastError());
      }
      return FROM_HANDLE.newInstance(lightgbmlib.voidpp_value(out));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("lightgbm4j's dataset class changed", e);
    } finally {
      lightgbmlib.delete_intArray(indices);
      lightgbmlib.delete_voidpp(out);
    }
  }

  @Override
  public void close() {
    try {
      full.close();
    } catch (LGBMException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
