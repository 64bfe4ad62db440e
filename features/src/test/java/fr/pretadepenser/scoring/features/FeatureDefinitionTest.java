package fr.pretadepenser.scoring.features;

import static fr.pretadepenser.scoring.features.Fixtures.application;
import static fr.pretadepenser.scoring.features.Fixtures.bureau;
import static fr.pretadepenser.scoring.features.Fixtures.card;
import static fr.pretadepenser.scoring.features.Fixtures.history;
import static fr.pretadepenser.scoring.features.Fixtures.instalment;
import static fr.pretadepenser.scoring.features.Fixtures.month;
import static fr.pretadepenser.scoring.features.Fixtures.pos;
import static fr.pretadepenser.scoring.features.Fixtures.previous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FeatureDefinitionTest {

  private final FeatureDefinition kaggle = new FeatureDefinition(KaggleVocabulary.build());

  @Test
  void blockSizesMatchTheKernelOnKaggleLevels() {
    Map<FeatureFamily, Integer> counts = new EnumMap<>(FeatureFamily.class);
    kaggle.features().forEach(f -> counts.merge(f.family(), 1, Integer::sum));
    // KERNEL_FEATURES.md §1-§6 and §8: 245 + 116 + 249 + 18 + 26 + 141 = 795.
    assertThat(counts)
        .containsEntry(FeatureFamily.APPLICATION, 245)
        .containsEntry(FeatureFamily.BUREAU, 116)
        .containsEntry(FeatureFamily.PREVIOUS, 249)
        .containsEntry(FeatureFamily.POS_CASH, 18)
        .containsEntry(FeatureFamily.INSTALMENTS, 26)
        .containsEntry(FeatureFamily.CREDIT_CARD, 141);
    assertThat(kaggle.size()).isEqualTo(795);
    assertThat(kaggle.names()).hasSize(795);
  }

  @Test
  void familiesComeInSpecOrder() {
    List<FeatureInfo> features = kaggle.features();
    for (int i = 1; i < features.size(); i++) {
      assertThat(features.get(i).family()).isGreaterThanOrEqualTo(features.get(i - 1).family());
    }
    assertThat(kaggle.names().get(0)).isEqualTo("CODE_GENDER");
    assertThat(kaggle.names().get(245)).isEqualTo("BURO_DAYS_CREDIT_MIN");
    assertThat(kaggle.names().get(361)).isEqualTo("PREV_AMT_ANNUITY_MIN");
    assertThat(kaggle.names().get(610)).isEqualTo("POS_MONTHS_BALANCE_MAX");
    assertThat(kaggle.names().get(628)).isEqualTo("INSTAL_NUM_INSTALMENT_VERSION_NUNIQUE");
    assertThat(kaggle.names().get(654)).isEqualTo("CC_MONTHS_BALANCE_MIN");
    assertThat(kaggle.names().get(794)).isEqualTo("CC_COUNT");
  }

  @Test
  void namesAreUniqueAndSanitised() {
    assertThat(kaggle.names()).doesNotHaveDuplicates().allMatch(n -> n.matches("[A-Za-z0-9_]+"));
    assertThat(kaggle.names())
        .contains(
            "NAME_TYPE_SUITE_Spouse__partner",
            "NAME_EDUCATION_TYPE_Secondary___secondary_special",
            "WALLSMATERIAL_MODE_Stone__brick",
            "PREV_NAME_CONTRACT_STATUS_Unused_offer_MEAN",
            "POS_NAME_CONTRACT_STATUS_Returned_to_the_store_MEAN",
            "CC_NAME_CONTRACT_STATUS_Sent_proposal_VAR");
  }

  @Test
  void namesThatCollideAfterSanitisingAreRejected() {
    CategoryVocabulary clash =
        CategoryVocabulary.builder()
            .add("application", "ORGANIZATION_TYPE", "Trade: type 1")
            .add("application", "ORGANIZATION_TYPE", "Trade, type 1")
            .build();
    assertThatThrownBy(() -> new FeatureDefinition(clash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ORGANIZATION_TYPE_Trade__type_1")
        .hasMessageContaining("Trade: type 1")
        .hasMessageContaining("Trade, type 1");
  }

  @Test
  void everyFeatureHasAShortOneLineDescription() {
    for (FeatureInfo f : kaggle.features()) {
      assertThat(f.description())
          .as(f.name())
          .isNotBlank()
          .doesNotContain("\n", "\r", "  ")
          .hasSizeLessThanOrEqualTo(160);
    }
  }

  @Test
  void descriptionsOfApplicationColumns() {
    assertThat(description("AMT_INCOME_TOTAL")).isEqualTo("Income of the client");
    assertThat(description("CODE_GENDER"))
        .isEqualTo("Gender of the client, coded 0 = F, 1 = M (unseen: missing)");
    assertThat(description("APARTMENTS_MEDI"))
        .isEqualTo("Normalized apartment size of the building where the client lives (median)");
    assertThat(description("NAME_INCOME_TYPE_Working"))
        .isEqualTo("Income type of the client is Working");
    assertThat(description("PAYMENT_RATE"))
        .isEqualTo("Loan annuity as a share of the credit amount (repayment rate)");
  }

  @Test
  void glossaryReadsTheCsvWithItsOwnSpellings() {
    Glossary g = Glossary.get();
    assertThat(g.csvDescription("bureau", "SK_ID_BUREAU")).startsWith("Recoded ID");
    assertThat(g.csvDescription("previous", "SK_ID_PREV")).startsWith("ID of previous credit");
    // cp1252 ellipsis decoded, not mangled.
    assertThat(g.csvDescription("application", "NAME_INCOME_TYPE")).endsWith("leave,…)");
  }

  @Test
  void oneVectorLengthWhateverTheHistory() {
    ClientHistory rich =
        history(
            List.of(bureau(List.of(month(-1, "C")), "CREDIT_ACTIVE", "Active")),
            List.of(previous("NAME_CONTRACT_STATUS", "Approved", "AMT_CREDIT", 1.0)),
            List.of(pos("MONTHS_BALANCE", -1)),
            List.of(instalment("AMT_INSTALMENT", 1.0)),
            List.of(card("MONTHS_BALANCE", -1)));
    assertThat(kaggle.compute(application(), rich)).hasSize(795);
    assertThat(kaggle.compute(application(), null)).hasSize(795);
    assertThatThrownBy(() -> kaggle.compute(application(), null, new float[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentCallsGiveTheSameVector() throws Exception {
    LoanApplication app = application("AMT_INCOME_TOTAL", 1.0, "AMT_CREDIT", 3.0);
    ClientHistory h =
        history(
            List.of(bureau(List.of(month(-1, "C"), month(-2, "0")), "DAYS_CREDIT", -5)),
            List.of(previous("AMT_APPLICATION", 2.0, "AMT_CREDIT", 3.0)),
            List.of(pos("MONTHS_BALANCE", -1, "SK_DPD", 3)),
            List.of(instalment("AMT_INSTALMENT", 1.0, "AMT_PAYMENT", 0.5)),
            List.of(card("MONTHS_BALANCE", -1, "AMT_BALANCE", 7.0)));
    float[] expected = kaggle.compute(app, h);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> results =
          pool.invokeAll(java.util.Collections.nCopies(64, () -> kaggle.compute(app, h)));
      for (Future<float[]> result : results) {
        assertThat(result.get()).containsExactly(expected);
      }
    } finally {
      pool.shutdown();
    }
  }

  private String description(String name) {
    return kaggle.features().get(kaggle.names().indexOf(name)).description();
  }
}
