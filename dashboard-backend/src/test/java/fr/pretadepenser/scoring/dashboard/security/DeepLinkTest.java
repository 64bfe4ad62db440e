package fr.pretadepenser.scoring.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Only this site's own routes and paths are kept through the sign-in. */
class DeepLinkTest {

  @Test
  void theDashboardsRoutesAndPathsAreKept() {
    assertThat(DeepLink.target("#/client/123")).hasValue("/#/client/123");
    assertThat(DeepLink.target("#/what-if/456?AMT_CREDIT=180000&AMT_ANNUITY=9000.5"))
        .hasValue("/#/what-if/456?AMT_CREDIT=180000&AMT_ANNUITY=9000.5");
    assertThat(DeepLink.target("/#/monitoring")).hasValue("/#/monitoring");
    assertThat(DeepLink.target("/v3/api-docs")).hasValue("/v3/api-docs");
  }

  @Test
  void nothingLeadsToAnotherSiteNorBackToTheForm() {
    for (String bad :
        List.of(
            "//evil.example/#/client/1",
            "https://evil.example/",
            "http:evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "#//evil.example",
            "evil.example",
            "javascript:alert(1)",
            "#/client/1\r\nSet-Cookie: x=1",
            "#/client/\"><script>",
            "/#evil",
            "/login?error",
            "#/" + "x".repeat(DeepLink.MAX_LENGTH),
            "")) {
      assertThat(DeepLink.target(bad)).as(bad).isEmpty();
    }
    assertThat(DeepLink.target(null)).isEmpty();
  }
}
