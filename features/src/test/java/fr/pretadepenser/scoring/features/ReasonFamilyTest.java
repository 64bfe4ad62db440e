package fr.pretadepenser.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of reason families: every feature of the full definition (the Kaggle data's
 * vocabulary, which holds the sample's) belongs to one family found from its structure; every
 * family has its words in English and French; the catalogue stays a size a lender would print.
 */
class ReasonFamilyTest {

  private final FeatureDefinition full = new FeatureDefinition(KaggleVocabulary.build());

  @Test
  void everyFeatureOfTheFullDefinitionHasAFamily() {
    List<String> without = new ArrayList<>();
    Map<ReasonFamily, Integer> sizes = new EnumMap<>(ReasonFamily.class);
    for (FeatureInfo f : full.features()) {
      ReasonFamily.of(f)
          .ifPresentOrElse(
              family -> sizes.merge(family, 1, Integer::sum), () -> without.add(f.name()));
    }
    assertThat(without).isEmpty();
    // Every family is used by some feature: none is words without a meaning.
    assertThat(sizes.keySet()).containsExactlyInAnyOrder(ReasonFamily.values());
    assertThat(ReasonFamily.values()).hasSizeBetween(20, 30);
    // The definition without categories too (the features no level goes into).
    FeatureDefinition bare = new FeatureDefinition(new CategoryVocabulary(new TreeMap<>()));
    assertThat(bare.features()).allSatisfy(f -> assertThat(ReasonFamily.of(f)).isPresent());
  }

  @Test
  void familiesFollowTheStructureNotTheName() {
    assertThat(family("EXT_SOURCE_2")).isEqualTo(ReasonFamily.EXTERNAL_SCORES);
    assertThat(family("PAYMENT_RATE")).isEqualTo(ReasonFamily.LOAN_TERM);
    assertThat(family("ANNUITY_INCOME_PERC")).isEqualTo(ReasonFamily.REPAYMENT_BURDEN);
    assertThat(family("DAYS_EMPLOYED_PERC")).isEqualTo(ReasonFamily.EMPLOYMENT_LENGTH);
    assertThat(family("NAME_FAMILY_STATUS_Married")).isEqualTo(ReasonFamily.FAMILY_STATUS);
    assertThat(family("CODE_GENDER")).isEqualTo(ReasonFamily.GENDER);
    assertThat(family("WEEKDAY_APPR_PROCESS_START_MONDAY"))
        .isEqualTo(ReasonFamily.APPLICATION_DETAILS);
    assertThat(family("PREV_NAME_TYPE_SUITE_nan_MEAN")).isEqualTo(ReasonFamily.APPLICATION_DETAILS);
    assertThat(family("FLAG_DOCUMENT_3")).isEqualTo(ReasonFamily.APPLICATION_DETAILS);
    assertThat(family("LIVINGAREA_MEDI")).isEqualTo(ReasonFamily.HOUSING_AND_ASSETS);
    // Rows matter: a refused application's amount speaks of refusals, an approved one's of loans.
    assertThat(family("REFUSED_AMT_CREDIT_MEAN")).isEqualTo(ReasonFamily.REFUSED_APPLICATIONS);
    assertThat(family("APPROVED_AMT_CREDIT_MEAN")).isEqualTo(ReasonFamily.PAST_LOANS);
    assertThat(family("PREV_NAME_CONTRACT_STATUS_Refused_MEAN"))
        .isEqualTo(ReasonFamily.REFUSED_APPLICATIONS);
    assertThat(family("APPROVED_AMT_DOWN_PAYMENT_MAX"))
        .isEqualTo(ReasonFamily.GOODS_AND_DOWN_PAYMENT);
    assertThat(family("ACTIVE_DAYS_CREDIT_MEAN")).isEqualTo(ReasonFamily.ACTIVE_BUREAU_CREDITS);
    assertThat(family("CLOSED_DAYS_CREDIT_MEAN")).isEqualTo(ReasonFamily.BUREAU_HISTORY);
    assertThat(family("CLOSED_DAYS_CREDIT_ENDDATE_MIN")).isEqualTo(ReasonFamily.BUREAU_HISTORY);
    assertThat(family("BURO_DAYS_CREDIT_ENDDATE_MAX"))
        .isEqualTo(ReasonFamily.ACTIVE_BUREAU_CREDITS);
    assertThat(family("ACTIVE_AMT_CREDIT_SUM_DEBT_SUM")).isEqualTo(ReasonFamily.BUREAU_DEBT);
    assertThat(family("BURO_STATUS_1_MEAN_MEAN")).isEqualTo(ReasonFamily.BUREAU_OVERDUE);
    assertThat(family("INSTAL_DPD_MEAN")).isEqualTo(ReasonFamily.LATE_PAYMENTS);
    assertThat(family("CC_SK_DPD_MAX")).isEqualTo(ReasonFamily.LATE_PAYMENTS);
    assertThat(family("INSTAL_PAYMENT_PERC_MEAN")).isEqualTo(ReasonFamily.PARTIAL_PAYMENTS);
    assertThat(family("CC_AMT_BALANCE_MEAN")).isEqualTo(ReasonFamily.CREDIT_CARD_USE);
    assertThat(family("POS_COUNT")).isEqualTo(ReasonFamily.PAST_LOANS);
    // A feature without structure (a name no definition built) has none: it is its own reason.
    assertThat(ReasonFamily.of(new FeatureInfo("x0", null, null))).isEmpty();
  }

  @Test
  void onlyGenderAndFamilyStatusAreProtected() {
    assertThat(ReasonFamily.values())
        .filteredOn(ReasonFamily::protectedAttribute)
        .containsExactlyInAnyOrder(ReasonFamily.GENDER, ReasonFamily.FAMILY_STATUS);
  }

  @Test
  void everyFamilyHasWordsInBothLanguages() {
    FeatureWords en = FeatureWords.english();
    FeatureWords fr = FeatureWords.french();
    List<String> missing = new ArrayList<>();
    for (ReasonFamily family : ReasonFamily.values()) {
      for (FeatureWords words : List.of(en, fr)) {
        if (!words.hasWords(family)) {
          missing.add(words.language() + " " + family);
        }
      }
      // French words of its own, not the English ones fallen back to.
      assertThat(fr.familySentence(family, true)).isNotEqualTo(en.familySentence(family, true));
      assertThat(fr.familySentence(family, false)).isNotEqualTo(en.familySentence(family, false));
      assertThat(en.familySentence(family, true)).isNotEqualTo(en.familySentence(family, false));
    }
    assertThat(missing).isEmpty();
    assertThat(en.familyLabel(ReasonFamily.EXTERNAL_SCORES)).isEqualTo("External credit scores");
    assertThat(fr.familyLabel(ReasonFamily.EXTERNAL_SCORES)).isEqualTo("Scores de crédit externes");
  }

  @Test
  void codesAreTheEnumsNames() {
    assertThat(ReasonFamily.ofCode("LATE_PAYMENTS")).contains(ReasonFamily.LATE_PAYMENTS);
    assertThat(ReasonFamily.ofCode("")).isEmpty();
    assertThat(ReasonFamily.ofCode("NOT_A_FAMILY")).isEmpty();
  }

  @Test
  void aValueWithItsTypicalOneInUnits() {
    full.features(); // the names below are known through the definition built above
    assertThat(FeatureWords.english().valueWithTypical("EXT_SOURCE_2", 0.21, 0.57))
        .isEqualTo("0.21 (typical 0.57)");
    assertThat(FeatureWords.french().valueWithTypical("DAYS_BIRTH", -15750, -14000.0))
        .isEqualTo("43 ans (habituellement 38 ans)");
    assertThat(FeatureWords.english().valueWithTypical("EXT_SOURCE_2", Double.NaN, null))
        .isEqualTo("unknown");
  }

  private ReasonFamily family(String name) {
    FeatureInfo f =
        full.features().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    return ReasonFamily.of(f).orElseThrow();
  }
}
