package fr.pretadepenser.scoring.scorer;

/** Which step rejected a record, as written in {@code DeadLetter.stage}. */
enum Stage {
  /** Key or value bytes that are not what the topic carries. */
  DECODE("scorer/decode"),
  /** Decoded, but breaks a domain rule (or the key disagrees with the value). */
  VALIDATE("scorer/validate"),
  /** The client's stored history could not be read back. */
  HISTORY("scorer/history"),
  /** The feature definition failed on this application. */
  FEATURES("scorer/features"),
  /** The model failed or returned something that is not a probability. */
  MODEL("scorer/model");

  final String label;

  Stage(String label) {
    this.label = label;
  }
}
