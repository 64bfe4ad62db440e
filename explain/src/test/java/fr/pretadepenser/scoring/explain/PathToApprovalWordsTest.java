package fr.pretadepenser.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.Counterfactual;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The path to approval in words, in both languages, for each shape of change and for none. */
class PathToApprovalWordsTest {

  static LoanApplication asked() {
    LoanApplication a = new LoanApplication();
    a.setAMTCREDIT(250_000.0);
    a.setAMTANNUITY(16_500.0);
    a.setAMTGOODSPRICE(230_000.0);
    return a;
  }

  static Counterfactual path(boolean found, Map<String, Double> changes, double p) {
    return Counterfactual.newBuilder()
        .setFound(found)
        .setChanges(new LinkedHashMap<>(changes))
        .setProbability(p)
        .setTarget(0.1)
        .setModelVersion("v")
        .build();
  }

  @Test
  void aLowerAmount() {
    Counterfactual c =
        path(
            true,
            Map.of(
                PathToApproval.CREDIT, 180_000.0,
                PathToApproval.ANNUITY, 11_880.0,
                PathToApproval.GOODS_PRICE, 165_600.0),
            0.079);
    assertThat(PathToApprovalWords.sentence(c, asked(), 0.124, Locale.ENGLISH))
        .isEqualTo(
            "Borrow 180,000 instead of 250,000 for goods of 165,600 instead of 230,000, in"
                + " payments of 11,880 instead of 16,500: risk 7.9% instead of 12.4% (threshold"
                + " 10.0%).");
    assertThat(PathToApprovalWords.sentence(c, asked(), 0.124, Locale.FRENCH))
        .startsWith("Emprunter 180\u202f000 au lieu de 250\u202f000 pour un bien de")
        .endsWith(" : risque 7,9\u00a0% au lieu de 12,4\u00a0% (seuil 10,0\u00a0%).");
  }

  @Test
  void aLongerTerm() {
    Counterfactual c = path(true, Map.of(PathToApproval.ANNUITY, 11_000.0), 0.09);
    assertThat(PathToApprovalWords.sentence(c, asked(), 0.124, Locale.ENGLISH))
        .isEqualTo(
            "Repay the same 250,000 over a longer term, in payments of 11,000 instead of 16,500"
                + " (about 23 payments instead of 15): risk 9.0% instead of 12.4% (threshold"
                + " 10.0%).");
    assertThat(PathToApprovalWords.sentence(c, asked(), 0.124, Locale.FRENCH))
        .contains("sur une durée plus longue")
        .contains("(environ 23 échéances au lieu de 15)");
  }

  @Test
  void noChangeIsEnough() {
    Counterfactual c = path(false, Map.of(), 0.31);
    assertThat(PathToApprovalWords.sentence(c, asked(), 0.4, Locale.ENGLISH))
        .startsWith("No change of the loan would be enough")
        .contains("31.0%");
    assertThat(PathToApprovalWords.sentence(c, asked(), 0.4, Locale.FRENCH))
        .startsWith("Aucune modification du prêt ne suffirait")
        .contains("31,0\u00a0%");
  }
}
