package fr.pretadepenser.scoring.features;

import static fr.pretadepenser.scoring.features.Fixtures.application;
import static fr.pretadepenser.scoring.features.Fixtures.history;
import static fr.pretadepenser.scoring.features.Fixtures.previous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureExclusionTest {

  private final CategoryVocabulary vocabulary = KaggleVocabulary.build();
  private final FeatureDefinition all = new FeatureDefinition(vocabulary);

  @Test
  void everyFeatureReadFromAnExcludedColumnLeavesTheVectorInEveryTable() {
    FeatureDefinition model =
        new FeatureDefinition(
            vocabulary,
            FeatureExclusion.of(
                "CODE_GENDER", "WEEKDAY_APPR_PROCESS_START", "HOUR_APPR_PROCESS_START"));

    assertThat(model.names())
        .doesNotContain(
            "CODE_GENDER",
            "WEEKDAY_APPR_PROCESS_START_MONDAY",
            "HOUR_APPR_PROCESS_START",
            "PREV_WEEKDAY_APPR_PROCESS_START_MONDAY_MEAN",
            "PREV_HOUR_APPR_PROCESS_START_MEAN",
            "APPROVED_HOUR_APPR_PROCESS_START_MAX",
            "REFUSED_HOUR_APPR_PROCESS_START_MIN")
        .contains("FLAG_OWN_CAR", "PREV_AMT_ANNUITY_MIN", "PAYMENT_RATE");
    // 1 + 7 application dummies + 1 hour; previous: 8 weekday dummies + 3 × 3 hour aggregates.
    assertThat(model.excludedFeatures()).hasSize(1 + 7 + 1 + 8 + 9);
    assertThat(model.size() + model.excludedFeatures().size()).isEqualTo(all.size());
    assertThat(model.exclusion().columns())
        .containsExactly("CODE_GENDER", "WEEKDAY_APPR_PROCESS_START", "HOUR_APPR_PROCESS_START");
  }

  @Test
  void aTrailingStarMatchesAPrefix() {
    FeatureDefinition model =
        new FeatureDefinition(vocabulary, FeatureExclusion.of("FLAG_DOCUMENT_*"));
    assertThat(model.excludedFeatures()).hasSize(20); // FLAG_DOCUMENT_2 .. FLAG_DOCUMENT_21
    assertThat(model.names()).noneMatch(n -> n.startsWith("FLAG_DOCUMENT_"));
    assertThat(model.names()).contains("FLAG_OWN_CAR", "FLAG_EMAIL");
  }

  @Test
  void theVectorIsTheFullOneWithoutTheExcludedPositions() {
    FeatureDefinition model =
        new FeatureDefinition(
            vocabulary, FeatureExclusion.of("NAME_FAMILY_STATUS", "NAME_TYPE_SUITE"));
    LoanApplication app =
        application(
            "NAME_FAMILY_STATUS",
            "Married",
            "NAME_TYPE_SUITE",
            "Family",
            "AMT_INCOME_TOTAL",
            2.0,
            "AMT_CREDIT",
            3.0);
    ClientHistory h =
        history(
            List.of(),
            List.of(
                previous(
                    "NAME_CONTRACT_STATUS",
                    "Approved",
                    "NAME_TYPE_SUITE",
                    "Family",
                    "AMT_CREDIT",
                    1.0)),
            List.of(),
            List.of(),
            List.of());

    float[] full = all.compute(app, h);
    float[] kept = model.compute(app, h);

    assertThat(kept).hasSize(model.size());
    List<Float> expected = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (model.names().contains(all.names().get(i))) {
        expected.add(full[i]);
      }
    }
    List<Float> actual = new ArrayList<>();
    for (float v : kept) {
      actual.add(v);
    }
    assertThat(actual).isEqualTo(expected);
    assertThatThrownBy(() -> model.compute(app, h, new float[all.size()]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noExclusionIsTheDefinitionAsItWas() {
    FeatureDefinition none = new FeatureDefinition(vocabulary, FeatureExclusion.NONE);
    assertThat(none.names()).isEqualTo(all.names());
    assertThat(none.excludedFeatures()).isEmpty();
    assertThat(new FeatureDefinition(vocabulary, null).names()).isEqualTo(all.names());
  }

  @Test
  void entriesMustBeColumnNamesAndTheListIsBounded() {
    assertThatThrownBy(() -> FeatureExclusion.of("CODE GENDER"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"CODE GENDER\"");
    assertThatThrownBy(() -> FeatureExclusion.of("*")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new FeatureExclusion(Collections.nCopies(FeatureExclusion.MAX_COLUMNS + 1, "A")))
        .hasMessageContaining("more than " + FeatureExclusion.MAX_COLUMNS);
    assertThat(FeatureExclusion.of("A", "B", "A").columns()).containsExactly("A", "B");
    assertThat(FeatureExclusion.of("A").plus(FeatureExclusion.of("B", "A")).columns())
        .containsExactly("A", "B");
  }

  @Test
  void rowCountsReadNoColumnAndStay() {
    List<String> every =
        all.features().stream().map(FeatureInfo::column).filter(c -> c != null).distinct().toList();
    FeatureDefinition counts = new FeatureDefinition(vocabulary, new FeatureExclusion(every));
    assertThat(counts.names()).contains("CC_COUNT", "POS_COUNT", "INSTAL_COUNT");
    assertThat(counts.features()).allMatch(f -> f.column() == null);
  }
}
