package fr.pretadepenser.scoring.dashboard.security;

/**
 * The supervisor's password: the {@code dashboard.supervisor-password} setting, else the
 * environment variable {@value #ENV}, else a random one printed once at start (to the console,
 * never to a log file), as the advisor's.
 */
public record SupervisorPassword(String value, boolean generated) {

  static final String ENV = "SCORING_SUPERVISOR_PASSWORD";

  /** The supervisor's user name (roles ADVISOR and SUPERVISOR). */
  public static final String USER = "supervisor";

  static SupervisorPassword resolve(String configured, String environment) {
    AdvisorPassword p = AdvisorPassword.resolve(configured, environment);
    return new SupervisorPassword(p.value(), p.generated());
  }

  @Override
  public String toString() {
    return "SupervisorPassword[hidden]";
  }
}
