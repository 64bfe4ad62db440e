package fr.pretadepenser.scoring.explain;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Watches the explainer's invariant, base value + Σ contributions = logit(decision probability), in
 * production: the largest error seen, how many decisions were checked and how many broke the
 * tolerance. Thread-safe; the Kafka service publishes it as Micrometer meters.
 */
public final class InvariantWatch {

  private final double tolerance;
  private final AtomicLong maxErrorBits = new AtomicLong(Double.doubleToLongBits(0));
  private final LongAdder checks = new LongAdder();
  private final LongAdder violations = new LongAdder();

  public InvariantWatch(double tolerance) {
    this.tolerance = tolerance;
  }

  /** Records one check; true when the error is within the tolerance (NaN never is). */
  public boolean record(double error) {
    checks.increment();
    double e = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
    maxErrorBits.accumulateAndGet(
        Double.doubleToLongBits(e),
        (a, b) -> Double.longBitsToDouble(a) >= Double.longBitsToDouble(b) ? a : b);
    boolean ok = e <= tolerance;
    if (!ok) {
      violations.increment();
    }
    return ok;
  }

  public double tolerance() {
    return tolerance;
  }

  /** The largest |base + Σ contributions − logit(p)| seen so far. */
  public double maxError() {
    return Double.longBitsToDouble(maxErrorBits.get());
  }

  public long checks() {
    return checks.sum();
  }

  public long violations() {
    return violations.sum();
  }
}
