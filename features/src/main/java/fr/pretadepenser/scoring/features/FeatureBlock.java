package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.util.List;

/** One family's slice of the vector: its features and how to compute them. */
interface FeatureBlock {

  List<FeatureInfo> features();

  /** Writes {@code features().size()} values at {@code out[offset...]}; NaN means missing. */
  void compute(LoanApplication application, ClientHistory history, float[] out, int offset);
}
