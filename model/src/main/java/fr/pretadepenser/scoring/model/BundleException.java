package fr.pretadepenser.scoring.model;

/** A model bundle that cannot be used: missing or unreadable file, or features that differ. */
public class BundleException extends RuntimeException {
  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
