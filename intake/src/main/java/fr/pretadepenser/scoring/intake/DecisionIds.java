package fr.pretadepenser.scoring.intake;

import java.util.Optional;

/**
 * Where a mounting service that reads decisions (the dashboard) finds the decision id of an
 * application already received, for the answer to a re-sent application. The HTTP intake reads no
 * decisions and has none.
 */
@FunctionalInterface
public interface DecisionIds {

  /** The id of the decision made on {@code applicationId}, empty when none is known here. */
  Optional<String> of(String applicationId);
}
