package fr.pretadepenser.scoring.model.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairnessTableTest {

  private static FairnessRow row(String gender, Integer age, boolean granted, Boolean defaulted) {
    return new FairnessRow(gender, age, "Married", granted, defaulted);
  }

  private static FairnessGroup group(List<FairnessGroup> groups, String attribute, String group) {
    return groups.stream()
        .filter(g -> g.attribute().equals(attribute) && g.group().equals(group))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void ratesWorkedOutByHand() {
    List<FairnessRow> rows = new ArrayList<>();
    // F: 10 decisions, 8 granted; outcomes known for 9: 3 defaults (2 refused), 6 repaid (0
    // refused); one granted decision without outcome.
    rows.add(row("F", 30, false, true));
    rows.add(row("F", 30, false, true));
    rows.add(row("F", 30, true, true));
    for (int i = 0; i < 6; i++) {
      rows.add(row("F", 30, true, false));
    }
    rows.add(row("F", 30, true, null));
    // M: 5 decisions, 3 granted; all known: 1 default (refused), 4 repaid (1 refused).
    rows.add(row("M", 60, false, true));
    rows.add(row("M", 60, false, false));
    rows.add(row("M", 60, true, false));
    rows.add(row("M", 60, true, false));
    rows.add(row("M", 60, true, false));

    List<FairnessGroup> groups = FairnessTable.of(rows, 1);

    FairnessGroup f = group(groups, "gender", "F");
    assertThat(f.decisions()).isEqualTo(10);
    assertThat(f.approvalRate()).isEqualTo(0.8);
    assertThat(f.outcomesKnown()).isEqualTo(9);
    assertThat(f.defaultRate()).isCloseTo(3.0 / 9, within(1e-12));
    assertThat(f.truePositiveRate()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(f.falsePositiveRate()).isEqualTo(0.0);
    assertThat(f.disparateImpact()).isEqualTo(1.0);
    assertThat(f.fourFifthsFlag()).isFalse();

    FairnessGroup m = group(groups, "gender", "M");
    assertThat(m.approvalRate()).isEqualTo(0.6);
    assertThat(m.defaultRate()).isEqualTo(0.2);
    assertThat(m.truePositiveRate()).isEqualTo(1.0);
    assertThat(m.falsePositiveRate()).isEqualTo(0.25);
    assertThat(m.disparateImpact()).isCloseTo(0.75, within(1e-12));
    assertThat(m.fourFifthsFlag()).as("0.6 / 0.8 = 0.75 < 0.8").isTrue();

    assertThat(group(groups, "age_band", "26-35").decisions()).isEqualTo(10);
    assertThat(group(groups, "age_band", "56+").decisions()).isEqualTo(5);
    assertThat(group(groups, "family_status", "Married").decisions()).isEqualTo(15);
  }

  @Test
  void groupsComeByAttributeInValueOrderUnknownLast() {
    List<FairnessGroup> groups =
        FairnessTable.of(
            List.of(
                new FairnessRow(null, null, null, true, null),
                new FairnessRow("M", 70, "Widow", true, null),
                new FairnessRow("F", 19, "Married", true, null),
                new FairnessRow("F", 40, "Married", true, null)),
            1);
    assertThat(groups.stream().map(g -> g.attribute() + ":" + g.group()))
        .containsExactly(
            "gender:F",
            "gender:M",
            "gender:unknown",
            "age_band:18-25",
            "age_band:36-45",
            "age_band:56+",
            "age_band:unknown",
            "family_status:Married",
            "family_status:Widow",
            "family_status:unknown");
    FairnessGroup any = groups.get(0);
    assertThat(any.outcomesKnown()).isZero();
    assertThat(any.defaultRate()).as("no outcome known: null, never NaN").isNull();
    assertThat(any.truePositiveRate()).isNull();
    assertThat(any.falsePositiveRate()).isNull();
  }

  @Test
  void nobodyGrantedGivesNoDisparateImpact() {
    FairnessGroup g =
        FairnessTable.of(List.of(new FairnessRow("F", 30, "Married", false, false)), 1).get(0);
    assertThat(g.approvalRate()).isEqualTo(0.0);
    assertThat(g.disparateImpact()).isNull();
    assertThat(g.fourFifthsFlag()).isFalse();
  }

  @Test
  void ageInWholeYearsAndBands() {
    assertThat(FairnessTable.ageYears(-365.25 * 30)).isEqualTo(30);
    assertThat(FairnessTable.ageYears(-365.25 * 30 + 1)).isEqualTo(29);
    assertThat(FairnessTable.ageYears(null)).isNull();
    assertThat(FairnessTable.ageYears(Double.NaN)).isNull();
    assertThat(FairnessTable.ageYears(10.0)).isNull();
    assertThat(FairnessTable.ageBand(25)).isEqualTo("18-25");
    assertThat(FairnessTable.ageBand(26)).isEqualTo("26-35");
    assertThat(FairnessTable.ageBand(45)).isEqualTo("36-45");
    assertThat(FairnessTable.ageBand(46)).isEqualTo("46-55");
    assertThat(FairnessTable.ageBand(56)).isEqualTo("56+");
    assertThat(FairnessTable.ageBand(null)).isEqualTo("unknown");
  }

  @Test
  void distinctValuesAreBounded() {
    FairnessTable.Counts counts = FairnessTable.counts();
    for (int i = 0; i < 100; i++) {
      counts.add(new FairnessRow("G" + i, 30, "Married", true, null));
    }
    List<FairnessGroup> gender =
        counts.groups(1).stream().filter(g -> g.attribute().equals("gender")).toList();
    assertThat(gender).hasSize(FairnessTable.MAX_GROUPS + 1);
    assertThat(gender.get(gender.size() - 1).group()).isEqualTo("other");
    assertThat(gender.get(gender.size() - 1).decisions()).isEqualTo(100 - FairnessTable.MAX_GROUPS);
  }

  @Test
  void theReferenceIsTheBestGroupWithEnoughDecisionsElseTheBestOfAll() {
    FairnessTable.Counts counts = FairnessTable.counts();
    // A: 100 decisions, 90 granted; B: 99, 80 granted; C: 3, all granted.
    for (int i = 0; i < 100; i++) {
      counts.add(new FairnessRow("A", 30, "Married", i < 90, null));
    }
    for (int i = 0; i < 99; i++) {
      counts.add(new FairnessRow("B", 30, "Married", i < 80, null));
    }
    for (int i = 0; i < 3; i++) {
      counts.add(new FairnessRow("C", 30, "Married", true, null));
    }
    assertThat(counts.reference("gender", 100)).isEqualTo("A");
    assertThat(counts.reference("gender", 1)).isEqualTo("C");
    assertThat(counts.reference("gender", 101))
        .as("none that large: the best of all")
        .isEqualTo("C");
    List<FairnessGroup> groups = counts.groups(100);
    assertThat(group(groups, "gender", "B").disparateImpact())
        .isCloseTo((80.0 / 99) / 0.9, within(1e-12));
    assertThat(group(groups, "gender", "C").disparateImpact()).isCloseTo(1 / 0.9, within(1e-12));
    FairnessGroup b = group(counts.groups(1), "gender", "B");
    assertThat(b.disparateImpact()).isCloseTo(80.0 / 99, within(1e-12));
    assertThat(b.fourFifthsFlag()).isFalse();
    assertThat(group(counts.groups(1), "gender", "A").disparateImpact()).isEqualTo(0.9);
  }

  @Test
  void valuesAreStrippedCutAndBlankIsUnknown() {
    List<FairnessGroup> groups =
        FairnessTable.of(
            List.of(
                new FairnessRow(" F ", 30, "x".repeat(500), true, null),
                new FairnessRow("  ", 30, "", true, null)),
            1);
    assertThat(groups.stream().map(g -> g.attribute() + ":" + g.group()))
        .contains(
            "gender:F",
            "gender:unknown",
            "family_status:" + "x".repeat(48),
            "family_status:unknown");
  }

  @Test
  void namesAreCanonicalAndBoundedLikeTheTable() {
    FairnessTable.Names names = new FairnessTable.Names();
    Applicant first = names.of(new StringBuilder("F"), 30, "Married");
    Applicant again = names.of(new StringBuilder("F"), 40, new StringBuilder("Married"));
    assertThat(again.gender()).isSameAs(first.gender());
    assertThat(again.familyStatus()).isSameAs(first.familyStatus());
    assertThat(names.of(null, null, " ").familyStatus()).isEqualTo("unknown");
    for (int i = 0; i < 100; i++) {
      names.of("G" + i, 30, "Married");
    }
    assertThat(names.of("G" + (FairnessTable.MAX_GROUPS - 2), 30, "Married").gender())
        .as("F and 15 others are kept")
        .isEqualTo("G" + (FairnessTable.MAX_GROUPS - 2));
    assertThat(names.of("G99", 30, "Married").gender()).isEqualTo("other");
    assertThat(first.decided(true, false))
        .isEqualTo(new FairnessRow("F", 30, "Married", true, false));
  }

  @Test
  void jsonKeysAreTheContractsSnakeCase() throws Exception {
    String json =
        new ObjectMapper()
            .writeValueAsString(
                FairnessTable.of(List.of(new FairnessRow("F", 30, "Married", true, false)), 1)
                    .get(0));
    assertThat(json)
        .contains(
            "\"attribute\"",
            "\"group\"",
            "\"decisions\"",
            "\"approval_rate\"",
            "\"outcomes_known\"",
            "\"default_rate\"",
            "\"true_positive_rate\"",
            "\"false_positive_rate\"",
            "\"disparate_impact\"",
            "\"four_fifths_flag\"");
  }
}
