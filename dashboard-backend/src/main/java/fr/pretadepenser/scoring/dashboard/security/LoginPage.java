package fr.pretadepenser.scoring.dashboard.security;

import org.springframework.http.MediaType;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The login form ({@code GET /login}; Spring Security handles the {@code POST}). Our own page
 * rather than Spring's generated one: it speaks French and English, has the dashboard's title and
 * meets the same accessibility basics as the other pages (labels, contrast, language).
 */
@RestController
class LoginPage {

  /** The login page's script: a file, since the Content-Security-Policy runs no inline script. */
  static final String SCRIPT = "/login.js";

  /** The form field that carries the page asked for before signing in ({@link DeepLink}). */
  static final String CONTINUE = "continue";

  /**
   * Puts the route the browser asked for (after '#', never sent to the server: the redirect to this
   * page keeps it in the address bar) into the form, for the server to send the browser back there
   * after signing in.
   */
  static final String SCRIPT_TEXT =
      """
      // Keeps the page asked for through the sign-in (see the dashboard's DeepLink).
      (function () {
        var field = document.getElementById('continue');
        var hash = window.location.hash;
        if (field && hash.indexOf('#/') === 0 && hash.length <= 500) {
          field.value = hash;
        }
      })();
      """;

  @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
  Mono<String> login(ServerWebExchange exchange) {
    Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
    var query = exchange.getRequest().getQueryParams();
    Message message = Message.of(query);
    String link =
        DeepLink.target(query.getFirst(CONTINUE)).isPresent() ? query.getFirst(CONTINUE) : "";
    return (token == null ? Mono.<CsrfToken>empty() : token)
        .map(t -> page(t.getParameterName(), t.getToken(), message, link))
        .defaultIfEmpty(page(null, null, message, link));
  }

  @GetMapping(path = SCRIPT, produces = "text/javascript")
  String script() {
    return SCRIPT_TEXT;
  }

  /** What the form says above the fields. */
  record Message(String kind, long seconds) {
    static final Message NONE = new Message("", 0);

    static Message of(org.springframework.util.MultiValueMap<String, String> query) {
      if (query.containsKey("locked")) {
        long s = 60;
        try {
          s = Math.min(Math.max(1, Long.parseLong(query.getFirst("locked"))), 3600);
        } catch (NumberFormatException e) {
          // A hand-made address: say a minute.
        }
        return new Message("locked", s);
      }
      if (query.containsKey("busy")) {
        return new Message("busy", 0);
      }
      if (query.containsKey("error")) {
        return new Message("error", 0);
      }
      return query.containsKey("logout") ? new Message("logout", 0) : NONE;
    }

    String html() {
      return switch (kind) {
        case "error" ->
            "<p class=\"msg err\" role=\"alert\">Wrong user name or password."
                + " <span lang=\"fr\">Identifiant ou mot de passe incorrect.</span></p>";
        case "locked" ->
            "<p class=\"msg err\" role=\"alert\">Too many failed sign-ins: try again in "
                + seconds
                + " s. <span lang=\"fr\">Trop de connexions échouées : réessayez dans "
                + seconds
                + " s.</span></p>";
        case "busy" ->
            "<p class=\"msg err\" role=\"alert\">Too many sign-ins to check at once: try again"
                + " in a moment. <span lang=\"fr\">Trop de connexions à vérifier en même temps :"
                + " réessayez dans un instant.</span></p>";
        case "logout" ->
            "<p class=\"msg\" role=\"status\">You are signed out."
                + " <span lang=\"fr\">Vous êtes déconnecté.</span></p>";
        default -> "";
      };
    }
  }

  static String page(String csrfName, String csrfToken, Message message, String link) {
    String csrf =
        csrfName == null
            ? ""
            : "<input type=\"hidden\" name=\""
                + HtmlUtils.htmlEscape(csrfName)
                + "\" value=\""
                + HtmlUtils.htmlEscape(csrfToken)
                + "\">";
    String next =
        "<input type=\"hidden\" id=\""
            + CONTINUE
            + "\" name=\""
            + CONTINUE
            + "\" value=\""
            + HtmlUtils.htmlEscape(link)
            + "\">";
    return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="icon" href="data:,">
        <title>Sign in · Prêt à dépenser advisor dashboard</title>
        <script src="login.js" defer></script>
        <style>
          body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1b1f24;
                 margin: 0; font-size: 1rem; }
          main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem;
                 border: 1px solid #c9ced6; border-radius: .5rem; }
          h1 { font-size: 1.5rem; margin-top: 0; }
          label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
          input[type=text], input[type=password] { width: 100%%; box-sizing: border-box;
                 padding: .6rem; font-size: 1rem; border: 1px solid #5c6670; border-radius: .25rem; }
          button { margin-top: 1.5rem; padding: .7rem 1.4rem; font-size: 1rem; background: #0b4f8a;
                 color: #fff; border: 0; border-radius: .25rem; cursor: pointer; }
          button:focus, input:focus { outline: 3px solid #f2a900; outline-offset: 2px; }
          .msg { padding: .6rem; border-radius: .25rem; background: #e8f1fb; }
          .err { background: #fdecec; color: #8a1111; }
          .fr { color: #434a52; }
        </style>
        </head>
        <body>
        <main>
        <h1>Advisor dashboard <span class="fr" lang="fr">· Espace conseiller</span></h1>
        %s
        <form method="post" action="login">
        <label for="username">User name <span class="fr" lang="fr">/ Identifiant</span></label>
        <input type="text" id="username" name="username" autocomplete="username" required autofocus>
        <label for="password">Password <span class="fr" lang="fr">/ Mot de passe</span></label>
        <input type="password" id="password" name="password" autocomplete="current-password" required>
        %s
        %s
        <button type="submit">Sign in <span lang="fr">/ Se connecter</span></button>
        </form>
        </main>
        </body>
        </html>
        """
        .formatted(message.html(), csrf, next);
  }
}
