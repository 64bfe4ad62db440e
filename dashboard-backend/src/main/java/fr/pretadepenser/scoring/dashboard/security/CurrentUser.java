package fr.pretadepenser.scoring.dashboard.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import reactor.core.publisher.Mono;

/**
 * Who sends the request, for the features that record or check it (the oversight trail): only this
 * package knows Spring Security, so the others ask here.
 */
public final class CurrentUser {

  /**
   * A signed-in user.
   *
   * @param name the user name, as recorded in the trail
   * @param supervisor whether the user has the SUPERVISOR role (may override automatic decisions)
   */
  public record Actor(String name, boolean supervisor) {

    /** The role that allows what the user does: SUPERVISOR or ADVISOR. */
    public String role() {
      return supervisor ? SecurityConfig.SUPERVISOR : SecurityConfig.ROLE;
    }
  }

  private CurrentUser() {}

  /** The request's user; empty without a login (which the security chain does not let through). */
  public static Mono<Actor> actor() {
    return ReactiveSecurityContextHolder.getContext()
        .map(c -> c.getAuthentication())
        .filter(Authentication::isAuthenticated)
        .map(
            a ->
                new Actor(
                    a.getName(),
                    a.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(("ROLE_" + SecurityConfig.SUPERVISOR)::equals)));
  }
}
