package fr.pretadepenser.scoring.scorer;

/**
 * A record the scorer will not process, with the reason; caught by the processor and turned into a
 * dead letter. Without a stack trace: it is an expected outcome for bad input, not a bug, and bad
 * input can arrive by the thousand.
 */
final class Rejected extends Exception {
  private static final long serialVersionUID = 1L;

  final transient Stage stage;

  Rejected(Stage stage, String reason) {
    super(reason, null, false, false);
    this.stage = stage;
  }
}
