package fr.pretadepenser.scoring.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Who sent a request, as the other packages read it. */
class SignedInTest {

  static ServerWebExchange as(Principal principal) {
    return MockServerWebExchange.from(MockServerHttpRequest.get("/api/stats"))
        .mutate()
        .principal(Mono.just(principal))
        .build();
  }

  @Test
  void aSupervisorIsAnAdvisorWhoMayOverride() {
    SignedIn supervisor =
        SignedIn.of(
                as(
                    UsernamePasswordAuthenticationToken.authenticated(
                        "supervisor",
                        null,
                        AuthorityUtils.createAuthorityList("ROLE_ADVISOR", "ROLE_SUPERVISOR"))))
            .block();
    assertThat(supervisor).isEqualTo(new SignedIn("supervisor", true));
    assertThat(supervisor.role()).isEqualTo("SUPERVISOR");
    SignedIn advisor =
        SignedIn.of(
                as(
                    UsernamePasswordAuthenticationToken.authenticated(
                        "advisor", null, AuthorityUtils.createAuthorityList("ROLE_ADVISOR"))))
            .block();
    assertThat(advisor).isEqualTo(new SignedIn("advisor", false));
    assertThat(advisor.role()).isEqualTo("ADVISOR");
  }

  @Test
  void nobodyWithoutAnAuthenticatedPrincipal() {
    assertThat(
            SignedIn.of(MockServerWebExchange.from(MockServerHttpRequest.get("/"))).blockOptional())
        .isEmpty();
    assertThat(
            SignedIn.of(as(UsernamePasswordAuthenticationToken.unauthenticated("advisor", "guess")))
                .blockOptional())
        .isEmpty();
  }
}
