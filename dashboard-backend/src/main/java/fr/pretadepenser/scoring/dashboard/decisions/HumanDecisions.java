package fr.pretadepenser.scoring.dashboard.decisions;

/**
 * Which applications a person has decided or overridden: what the Live list's {@code review} filter
 * asks of the oversight trail (topic {@code decision-overrides}). An interface here, so that the
 * decisions package does not depend on the oversight one; without a bean of this type no decision
 * counts as decided by a person.
 */
@FunctionalInterface
public interface HumanDecisions {

  /** No oversight trail: every decision is the scorer's. */
  HumanDecisions NONE = applicationId -> false;

  /** Whether a person decided (a REVIEW case) or overrode the decision of this application. */
  boolean decided(String applicationId);
}
