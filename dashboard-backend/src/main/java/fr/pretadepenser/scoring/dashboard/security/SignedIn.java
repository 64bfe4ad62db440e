package fr.pretadepenser.scoring.dashboard.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who sent a request, for the other packages (which do not touch Spring Security): the user name
 * and whether this user may override automatic decisions (role SUPERVISOR).
 *
 * @param name the user name ({@code advisor}, {@code supervisor})
 * @param supervisor the user has the role SUPERVISOR (a supervisor is also an advisor)
 */
public record SignedIn(String name, boolean supervisor) {

  /** The role as the oversight trail records it: {@code SUPERVISOR} or {@code ADVISOR}. */
  public String role() {
    return supervisor ? SecurityConfig.SUPERVISOR_ROLE : SecurityConfig.ROLE;
  }

  /** The signed-in user of this request; empty when nobody is signed in. */
  public static Mono<SignedIn> of(ServerWebExchange exchange) {
    return exchange
        .getPrincipal()
        .filter(Authentication.class::isInstance)
        .map(Authentication.class::cast)
        .filter(Authentication::isAuthenticated)
        .map(SignedIn::of);
  }

  /**
   * The signed-in user of the request being handled, from the reactive security context (for a
   * controller that has no exchange at hand); empty when nobody is signed in.
   */
  public static Mono<SignedIn> current() {
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .filter(Authentication::isAuthenticated)
        .map(SignedIn::of);
  }

  private static SignedIn of(Authentication a) {
    return new SignedIn(
        a.getName(),
        a.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .anyMatch(("ROLE_" + SecurityConfig.SUPERVISOR_ROLE)::equals));
  }
}
