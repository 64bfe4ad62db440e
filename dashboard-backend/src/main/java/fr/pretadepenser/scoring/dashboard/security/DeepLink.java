package fr.pretadepenser.scoring.dashboard.security;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where to go after signing in: the page the advisor asked for before the login form. The pages are
 * routes after '#' ({@code /#/client/123}), which a browser never sends to the server, so the login
 * page's script puts the route into the form's {@code continue} field; the server sends the browser
 * back there once signed in.
 *
 * <p>Only this site's own routes and paths are accepted, never an address of another site (an open
 * redirect would let a phishing mail send an advisor to a copy of the dashboard right after a real
 * sign-in): a route {@code #/...} or a path {@code /...} not starting with {@code //} or {@code
 * /\}, from a short list of characters (no scheme, no backslash, no control character, no quote),
 * at most {@value #MAX_LENGTH} characters.
 */
final class DeepLink {

  static final int MAX_LENGTH = 500;

  /** A route or a path on this site; what follows the first character is checked separately. */
  private static final Pattern SAFE = Pattern.compile("[#/][A-Za-z0-9._~%/?#=&+,;:@!$*()-]*");

  private DeepLink() {}

  /** The same-site target of a {@code continue} value, or empty when it is not one. */
  static Optional<String> target(String value) {
    if (value == null
        || value.isEmpty()
        || value.length() > MAX_LENGTH
        || !SAFE.matcher(value).matches()) {
      return Optional.empty();
    }
    String path = value.startsWith("#") ? "/" + value : value;
    boolean local =
        path.startsWith("/")
            && !path.startsWith("//")
            && (!path.startsWith("/#") || path.startsWith("/#/") && !path.startsWith("/#//"));
    // Back to the form would be a loop.
    return local && !path.startsWith("/login") ? Optional.of(path) : Optional.empty();
  }
}
