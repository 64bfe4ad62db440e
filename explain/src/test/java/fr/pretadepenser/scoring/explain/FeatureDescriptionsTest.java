package fr.pretadepenser.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.features.CategoryVocabulary;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeatureDescriptionsTest {

  /**
   * Names with a category in them (dummies) are known through a definition with that category, as a
   * loaded bundle builds one: words come from the feature's structure, not from its name.
   */
  @BeforeAll
  static void aDefinitionWithTheseCategories() {
    new FeatureDefinition(
        CategoryVocabulary.builder()
            .add(CategoryVocabulary.APPLICATION, "NAME_EDUCATION_TYPE", "Higher education")
            .add(CategoryVocabulary.PREVIOUS, "NAME_CONTRACT_STATUS", "Refused")
            .add(CategoryVocabulary.BUREAU_BALANCE, "STATUS", "1")
            .build());
  }

  private final FeatureDescriptions en = FeatureDescriptions.english();
  private final FeatureDescriptions fr = FeatureDescriptions.french();

  @Test
  void theIssuesExampleSentence() {
    assertThat(en.reason("EXT_SOURCE_3", 0.12, 0.51, 0.4))
        .isEqualTo("External score 3 is low (0.12, typical 0.51): raises risk");
    assertThat(fr.reason("EXT_SOURCE_3", 0.12, 0.51, 0.4))
        .isEqualTo("Score externe 3 : valeur basse (0,12 ; habituelle 0,51), augmente le risque");
  }

  @Test
  void valuesInHumanUnits() {
    assertThat(en.reason("DAYS_BIRTH", -9000, -15750.0, 0.2))
        .isEqualTo("Age is low (24 years, typical 43 years): raises risk");
    assertThat(en.formatValue("DAYS_EMPLOYED", -3000)).isEqualTo("8.2 years");
    assertThat(en.formatValue("DAYS_EMPLOYED", -200)).isEqualTo("200 days");
    assertThat(fr.formatValue("DAYS_EMPLOYED", -3000)).isEqualTo("8,2 ans");
    assertThat(en.formatValue("AMT_ANNUITY", 24700.4)).isEqualTo("24,700");
    assertThat(en.formatValue("PAYMENT_RATE", 0.0456)).isEqualTo("4.6%");
    assertThat(en.formatValue("FLAG_OWN_CAR", 1)).isEqualTo("yes");
    assertThat(en.formatValue("EXT_SOURCE_1", Double.NaN)).isEqualTo("unknown");
    assertThat(en.formatValue("BURO_DAYS_CREDIT_ENDDATE_MAX", 400)).isEqualTo("in 400 days");
    assertThat(en.formatValue("BURO_DAYS_CREDIT_ENDDATE_MIN", -1000)).isEqualTo("2.7 years ago");
  }

  @Test
  void missingValuesAndFlags() {
    assertThat(en.reason("EXT_SOURCE_1", Double.NaN, 0.5, 0.3))
        .isEqualTo("External score 1 is unknown (typical 0.50): raises risk");
    assertThat(en.reason("NAME_EDUCATION_TYPE_Higher_education", 1, 0.0, -0.1))
        .isEqualTo("Education: Higher education: yes (typical no): lowers risk");
  }

  @Test
  void composedNamesOfHistoryAggregates() {
    assertThat(en.label("BURO_DAYS_CREDIT_MEAN"))
        .isEqualTo("Average time since opening, credit bureau credits");
    assertThat(fr.label("BURO_DAYS_CREDIT_MEAN"))
        .isEqualTo("Ancienneté (moyenne, crédits du bureau de crédit)");
    assertThat(en.label("PREV_NAME_CONTRACT_STATUS_Refused_MEAN"))
        .isEqualTo("Share of previous applications where Status is Refused");
    assertThat(en.formatValue("PREV_NAME_CONTRACT_STATUS_Refused_MEAN", 0.25)).isEqualTo("25%");
    assertThat(en.label("BURO_STATUS_1_MEAN_MEAN"))
        .isEqualTo("Average share of months 1-30 days late, credit bureau credits");
    assertThat(en.label("INSTAL_DPD_MAX")).isEqualTo("Highest days paid late, past instalments");
    assertThat(en.label("REFUSED_AMT_APPLICATION_MAX"))
        .isEqualTo("Highest amount asked, refused previous applications");
    assertThat(en.label("ACTIVE_MONTHS_BALANCE_SIZE_SUM"))
        .isEqualTo("Total months of history, active bureau credits");
    assertThat(en.label("CC_CNT_DRAWINGS_ATM_CURRENT_MEAN"))
        .isEqualTo("Average cash withdrawals, credit card months");
    assertThat(en.label("POS_MONTHS_BALANCE_SIZE"))
        .isEqualTo("Number of point-of-sale and cash loan months");
    assertThat(fr.label("CC_COUNT")).isEqualTo("Nombre de mois de carte de crédit");
    assertThat(en.label("FLAG_DOCUMENT_3")).isEqualTo("Provided document 3");
    assertThat(en.label("AMT_REQ_CREDIT_BUREAU_YEAR"))
        .isEqualTo("Credit bureau enquiries in the year before the application");
    assertThat(en.label("APARTMENTS_MEDI"))
        .isEqualTo("Building: apartment size (median, normalised)");
  }

  @Test
  void localeChoosesTheLanguage() {
    assertThat(FeatureDescriptions.forLocale(Locale.FRENCH)).isSameAs(fr);
    assertThat(FeatureDescriptions.forLocale(Locale.GERMAN)).isSameAs(en);
  }
}
