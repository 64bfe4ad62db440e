package fr.pretadepenser.scoring.dashboard.security;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The advisor's password: the {@code dashboard.advisor-password} setting, else the environment
 * variable {@value #ENV}, else a random one printed once at start (to the console, never to a log
 * file).
 */
public record AdvisorPassword(String value, boolean generated) {

  static final String ENV = "SCORING_ADVISOR_PASSWORD";

  /** The advisors' user name. */
  public static final String USER = "advisor";

  static AdvisorPassword resolve(String configured, String environment) {
    if (configured != null && !configured.isBlank()) {
      return new AdvisorPassword(configured, false);
    }
    if (environment != null && !environment.isBlank()) {
      return new AdvisorPassword(environment, false);
    }
    byte[] random = new byte[15];
    new SecureRandom().nextBytes(random);
    return new AdvisorPassword(
        Base64.getUrlEncoder().withoutPadding().encodeToString(random), true);
  }

  @Override
  public String toString() {
    return "AdvisorPassword[hidden]";
  }
}
