package fr.pretadepenser.scoring.schemas;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A read-only {@code List<Float>} over a float array, for an Avro {@code array<float>} such as a
 * decision's feature vector: the vector is handed over without copying hundreds of boxed floats,
 * and {@link AvroSerde} writes it straight from the array ({@link #getFloat}), without boxing each
 * element. The array must not change afterwards.
 */
public final class FloatArrayList extends AbstractList<Float> implements RandomAccess {

  private final float[] values;

  public FloatArrayList(float[] values) {
    this.values = Objects.requireNonNull(values, "values");
  }

  @Override
  public Float get(int index) {
    return values[index];
  }

  /** The element at {@code index}, unboxed. */
  public float getFloat(int index) {
    return values[index];
  }

  @Override
  public int size() {
    return values.length;
  }
}
