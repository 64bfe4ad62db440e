package fr.pretadepenser.scoring.intake;

import fr.pretadepenser.scoring.schemas.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The French of the messages that complete "FIELD ..." in a 400: those of {@code ApplicationRules}
 * (schemas) and of {@link ApplicationJson}, plus whatever a mounting service adds with {@link
 * #with}. The English message stays the one source (the scorer's dead letters and the logs keep
 * it); a page in French gets the translation, the field name unchanged.
 *
 * <p>Messages are matched whole against patterns, the parts that vary ({@code (.+)}) carried over
 * as they are: a value, a list of allowed values, a field name. A message no pattern matches is
 * left as it is, so a French message is never translated twice.
 */
public final class ViolationWords {

  private static final Map<Pattern, String> FRENCH = new LinkedHashMap<>();

  static {
    // ApplicationRules (schemas).
    fr("is required", "est obligatoire");
    fr("must be a finite number", "doit être un nombre fini");
    fr("must not be blank", "ne doit pas être vide");
    fr("must be > 0 and <= 1", "doit être > 0 et <= 1");
    fr("must be (>|>=|<|<=) (-?\\d+)", "doit être {1} {2}");
    fr(
        "must be (<|<=) 0 \\(days before the application\\)",
        "doit être {1} 0 (jours avant la demande)");
    fr(
        "must be <= 0 \\(days before the application\\) or (\\d+) \\(not employed\\)",
        "doit être <= 0 (jours avant la demande) ou {1} (sans emploi)");
    fr("must be 0 or 1", "doit valoir 0 ou 1");
    fr("must be between (\\S+) and (\\S+)", "doit être compris entre {1} et {2}");
    fr("must be one of (.+)", "doit être l’une des valeurs {1}");
    // ApplicationRules' plausibility (issue 18).
    fr(
        "must be at most (\\d+) characters long \\(not (\\d+)\\)",
        "doit compter au plus {1} caractères (et non {2})");
    fr("must be at most (\\S+)", "doit être au plus {1}");
    fr(
        "must be >= (-\\d+) \\(at most (\\d+) years back\\)",
        "doit être >= {1} (au plus {2} ans en arrière)");
    fr(
        "must give an age of (\\d+) to (\\d+) years \\(between (-?\\d+) and (-?\\d+) days\\)",
        "doit donner un âge de {1} à {2} ans (entre {3} et {4} jours)");
    fr(
        "must not exceed the age minus (\\d+) years: at most (\\S+) years here \\(>= (-?\\d+)"
            + " days\\)",
        "ne doit pas dépasser l’âge moins {1} ans : au plus {2} ans ici (>= {3} jours)");
    fr(
        "must not be before the birth \\(>= DAYS_BIRTH, (-?\\d+)\\)",
        "ne doit pas précéder la naissance (>= DAYS_BIRTH, {1})");
    fr(
        "must not exceed the credit \\(AMT_CREDIT, (\\S+)\\)",
        "ne doit pas dépasser le montant du crédit (AMT_CREDIT, {1})");
    fr(
        "must count the applicant and the children: at least (\\d+) \\(CNT_CHILDREN \\+ 1\\)",
        "doit compter le demandeur et ses enfants : au moins {1} (CNT_CHILDREN + 1)");
    // ApplicationJson.
    fr(
        "is empty: send the application as a JSON object",
        "est vide : envoyez la demande sous forme d’objet JSON");
    fr("is not valid JSON: (.*)", "n’est pas du JSON valide : {1}");
    fr(
        "must be a JSON object whose fields are loan application fields",
        "doit être un objet JSON dont les champs sont ceux d’une demande de crédit");
    fr("is not a field of a loan application", "n’est pas un champ d’une demande de crédit");
    fr("must be a string", "doit être une chaîne de caractères");
    fr(
        "is out of range \\(a (\\d+)-bit whole number\\)",
        "est hors limites (un nombre entier sur {1} bits)");
    fr(
        "must be a JSON object of history source \\((.*)\\) to a number of events",
        "doit être un objet JSON associant une source d’historique ({1}) à un nombre d’événements");
    fr(
        "has '(.*)', which is not a history source \\((.*)\\)",
        "contient « {1} », qui n’est pas une source d’historique ({2})");
    fr(
        "must count events of (\\S+) as a whole number >= 0",
        "doit compter les événements de {1} par un nombre entier >= 0");
    fr(
        "must be an ISO-8601 date-time with offset \\((.*)\\) or epoch milliseconds",
        "doit être une date-heure ISO 8601 avec décalage horaire ({1}) ou un nombre de"
            + " millisecondes depuis 1970");
    fr("must be a number, not a string", "doit être un nombre, pas une chaîne");
    fr("must be a number", "doit être un nombre");
    fr("must be a whole number", "doit être un nombre entier");
  }

  private final Map<Pattern, String> french;

  private ViolationWords(Map<Pattern, String> french) {
    this.french = french;
  }

  /** The intake's own messages. */
  public static ViolationWords intake() {
    return new ViolationWords(FRENCH);
  }

  /**
   * These words and a mounting service's own: {@code english} a regular expression matched against
   * the whole message, {@code french} its translation, where {@code {1}}, {@code {2}} ... stand for
   * the expression's groups. The service's patterns are tried first.
   */
  public ViolationWords with(Map<String, String> englishToFrench) {
    Map<Pattern, String> all = new LinkedHashMap<>();
    englishToFrench.forEach((en, fr) -> all.put(Pattern.compile(en), fr));
    all.putAll(french);
    return new ViolationWords(all);
  }

  /** {@code message} in the language of {@code locale}: French for French, else as it is. */
  public String message(String message, Locale locale) {
    if (locale == null || !locale.getLanguage().equals("fr") || message == null) {
      return message;
    }
    for (Map.Entry<Pattern, String> e : french.entrySet()) {
      Matcher m = e.getKey().matcher(message);
      if (m.matches()) {
        String out = e.getValue();
        // Groups are put in literally: a value may hold '$' or '\', which replaceAll would read.
        for (int g = m.groupCount(); g >= 1; g--) {
          out = out.replace("{" + g + "}", m.group(g) == null ? "" : m.group(g));
        }
        return out;
      }
    }
    return message;
  }

  /** Every violation with its message in the language of {@code locale}, the field unchanged. */
  public List<Violation> violations(List<Violation> violations, Locale locale) {
    List<Violation> out = new ArrayList<>(violations.size());
    for (Violation v : violations) {
      out.add(v.withMessage(message(v.message(), locale)));
    }
    return List.copyOf(out);
  }

  private static void fr(String english, String french) {
    FRENCH.put(Pattern.compile(english), french);
  }
}
