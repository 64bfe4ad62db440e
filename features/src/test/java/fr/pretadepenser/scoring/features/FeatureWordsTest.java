package fr.pretadepenser.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class FeatureWordsTest {

  private final FeatureDefinition definition = new FeatureDefinition(KaggleVocabulary.build());
  private final FeatureWords en = FeatureWords.english();
  private final FeatureWords fr = FeatureWords.french();

  private FeatureInfo feature(String name) {
    return definition.features().stream().filter(f -> f.name().equals(name)).findFirst().get();
  }

  @Test
  void everyFeatureKnowsWhereItComesFrom() {
    FeatureInfo buro = feature("BURO_DAYS_CREDIT_MEAN");
    assertThat(buro.table()).isEqualTo(CategoryVocabulary.BUREAU);
    assertThat(buro.column()).isEqualTo("DAYS_CREDIT");
    assertThat(buro.aggregation()).isEqualTo(Agg.MEAN);
    assertThat(buro.rows()).isEqualTo("BURO");
    assertThat(buro.isDummy()).isFalse();
    FeatureInfo refused = feature("PREV_NAME_CONTRACT_STATUS_Refused_MEAN");
    assertThat(refused.column()).isEqualTo("NAME_CONTRACT_STATUS");
    assertThat(refused.level()).isEqualTo("Refused");
    FeatureInfo suite = feature("NAME_TYPE_SUITE_Spouse__partner");
    assertThat(suite.level()).isEqualTo("Spouse, partner");
    assertThat(suite.aggregation()).isNull();
    FeatureInfo count = feature("POS_COUNT");
    assertThat(count.aggregation()).isEqualTo(Agg.SIZE);
    assertThat(count.column()).isNull();
    assertThat(definition.features()).allSatisfy(f -> assertThat(f.table()).isNotNull());
  }

  @Test
  void labelsAreComposedFromStructure() {
    assertThat(en.label(feature("BURO_DAYS_CREDIT_MEAN")))
        .isEqualTo("Average time since opening, credit bureau credits");
    assertThat(fr.label(feature("BURO_DAYS_CREDIT_MEAN")))
        .isEqualTo("Ancienneté (moyenne, crédits du bureau de crédit)");
    // The category as the data spells it, not as the sanitised name does.
    assertThat(en.label(feature("NAME_TYPE_SUITE_Spouse__partner")))
        .isEqualTo("Accompanied by: Spouse, partner");
    assertThat(en.unit(feature("PREV_NAME_CONTRACT_STATUS_Refused_MEAN")))
        .isEqualTo(FeatureWords.Unit.SHARE);
    assertThat(en.label("EXT_SOURCE_3")).isEqualTo("External score 3");
    assertThat(en.formatValue("DAYS_BIRTH", -15750)).isEqualTo("43 years");
    assertThat(fr.formatValue("DAYS_EMPLOYED", -3000)).isEqualTo("8,2 ans");
  }

  @Test
  void categoryLevelsAreInTheLabelsLanguage() {
    assertThat(fr.label(feature("PREV_NAME_CONTRACT_STATUS_Refused_MEAN")))
        .contains("refusée")
        .doesNotContain("Refused");
    assertThat(fr.label(feature("NAME_TYPE_SUITE_Spouse__partner")))
        .isEqualTo("Accompagné par : Conjoint(e)");
    // Every level of every categorical column has French words: none is shown as the data spells
    // it (digits and one-letter codes excepted, which have their own words or none to give, and the
    // vocabulary's numbered stand-ins for levels the kernel only counts).
    for (FeatureInfo f : definition.features()) {
      if (f.isDummy()
          && f.level().length() > 1
          && !f.level().equals("nan")
          && !f.level().matches("level \\d+")) {
        assertThat(fr.label(f))
            .as(f.name())
            .doesNotContainPattern(
                "(^|[^\\p{L}])" + java.util.regex.Pattern.quote(f.level()) + "($|[^\\p{L}])");
      }
    }
  }

  @Test
  void aNameNoDefinitionKnowsReadsAsWords() {
    assertThat(en.label("SOME_NEW_FEATURE")).isEqualTo("Some new feature");
  }

  @Test
  void fieldAndValueLabels() {
    assertThat(en.fieldLabel("AMT_CREDIT")).isEqualTo("Credit amount");
    assertThat(fr.fieldLabel("BUREAU"))
        .isEqualTo("Crédits dans d’autres établissements (bureau de crédit)");
    assertThat(en.fieldLabel("UNKNOWN_FIELD")).isEqualTo("UNKNOWN_FIELD");
    assertThat(en.valueLabel("CODE_GENDER", "F")).isEqualTo("Female");
    assertThat(fr.valueLabel("FLAG_OWN_CAR", "Y")).isEqualTo("Oui");
    assertThat(fr.valueLabel("NAME_INCOME_TYPE", "Pensioner")).isEqualTo("Retraité");
    assertThat(fr.valueLabel("NAME_EDUCATION_TYPE", "Secondary / secondary special"))
        .isEqualTo("Secondaire");
    // English keeps Kaggle's own words where they are English already.
    assertThat(en.valueLabel("NAME_INCOME_TYPE", "Pensioner")).isEqualTo("Pensioner");
    // Issue 17: a French page showed Kaggle's English values ("Stone", "Approved", "Married").
    assertThat(fr.valueLabel("ORGANIZATION_TYPE", "Business Entity Type 3"))
        .isEqualTo("Entreprise de type 3");
    assertThat(fr.valueLabel("OCCUPATION_TYPE", "Laborers")).isEqualTo("Ouvriers");
    assertThat(en.valueLabel("WEEKDAY_APPR_PROCESS_START", "MONDAY")).isEqualTo("Monday");
    assertThat(fr.valueLabels().get("CODE_GENDER")).containsEntry("M", "Homme");
    assertThat(en.valueLabels()).doesNotContainKey("NAME_INCOME_TYPE");
    assertThat(fr.fieldLabels()).hasSameSizeAs(en.fieldLabels());
  }

  @Test
  void localeChoosesTheLanguage() {
    assertThat(FeatureWords.of(Locale.FRANCE)).isSameAs(fr);
    assertThat(FeatureWords.of(Locale.GERMAN)).isSameAs(en);
    assertThat(fr.language()).isEqualTo("fr");
  }
}
