package fr.pretadepenser.scoring.scorer;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A read-only {@code List<Float>} over a float array, for the Avro {@code array<float>} of a
 * decision: the vector is handed over without copying 700-odd boxed floats into an ArrayList. The
 * array must not change afterwards.
 */
final class FloatList extends AbstractList<Float> implements RandomAccess {

  private final float[] values;

  FloatList(float[] values) {
    this.values = values;
  }

  @Override
  public Float get(int index) {
    return values[index];
  }

  @Override
  public int size() {
    return values.length;
  }
}
