package fr.pretadepenser.scoring.intake;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.schemas.Violation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The intake's 400 messages in French for a French request, the field names unchanged. */
class ViolationWordsTest {

  @Test
  void aBadApplicationInFrenchIsAnsweredInFrench() {
    String body =
        "{\"SK_ID_CURR\": -1, \"CODE_GENDER\": \"X\", \"CNT_CHILDREN\": 1.5,"
            + " \"AMT_CREDIT\": \"a lot\", \"history_announced\": {\"nope$1\": 1}, \"FOO\": 1}";
    List<Violation> fr = new ApplicationJson().parse(body, Locale.FRANCE).errors();
    assertThat(fr)
        .contains(
            new Violation("SK_ID_CURR", "doit être > 0", "POSITIVE"),
            new Violation("CODE_GENDER", "doit être l’une des valeurs M, F, XNA", "KNOWN_VALUE"),
            new Violation("CNT_CHILDREN", "doit être un nombre entier", "TYPE"),
            new Violation("AMT_CREDIT", "doit être un nombre, pas une chaîne", "TYPE"),
            new Violation("NAME_CONTRACT_TYPE", "est obligatoire", "REQUIRED"),
            new Violation("FOO", "n’est pas un champ d’une demande de crédit", "UNKNOWN_FIELD"));
    // A value carried over is put in as it is, '$' included.
    assertThat(fr)
        .filteredOn(v -> v.field().equals("history_announced"))
        .singleElement()
        .extracting(Violation::message)
        .asString()
        .startsWith("contient « nope$1 », qui n’est pas une source d’historique (");
    // The same fields, in the same order, as in English.
    List<Violation> en = new ApplicationJson().parse(body, Locale.ENGLISH).errors();
    assertThat(fr.stream().map(Violation::field).toList())
        .isEqualTo(en.stream().map(Violation::field).toList());
    assertThat(en).contains(new Violation("SK_ID_CURR", "must be > 0", "POSITIVE"));
    assertThat(new ApplicationJson().parse("", Locale.FRENCH).errors())
        .containsExactly(
            new Violation(
                "body", "est vide : envoyez la demande sous forme d’objet JSON", "JSON_OBJECT"));
  }

  @Test
  void aMessageNoPatternKnowsIsLeftAsItIs() {
    ViolationWords words =
        ViolationWords.intake().with(Map.of("is odd \\((\\d+)\\)", "est impair ({1})"));
    assertThat(words.message("is odd (3)", Locale.FRENCH)).isEqualTo("est impair (3)");
    assertThat(words.message("is odd (3)", Locale.ENGLISH)).isEqualTo("is odd (3)");
    assertThat(words.message("est déjà en français", Locale.FRENCH))
        .isEqualTo("est déjà en français");
    assertThat(words.message("must be between 0 and 23", Locale.FRENCH))
        .isEqualTo("doit être compris entre 0 et 23");
  }
}
