package fr.pretadepenser.scoring.dashboard.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
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
        .map(
            a ->
                new SignedIn(
                    a.getName(),
                    a.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(("ROLE_" + SecurityConfig.SUPERVISOR_ROLE)::equals)));
  }
}
