package fr.pretadepenser.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.pretadepenser.scoring.model.ReferenceDistributions.Distribution;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceBuilderTest {

  @Test
  void quantilesInterpolateLikeNumpy() {
    double[] sorted = {1, 2, 3, 4};
    // numpy.quantile([1,2,3,4], 0.25) == 1.75; 0.5 → 2.5
    assertThat(ReferenceBuilder.quantile(sorted, 0.25)).isEqualTo(1.75);
    assertThat(ReferenceBuilder.quantile(sorted, 0.5)).isEqualTo(2.5);
  }

  @Test
  void distributionCountsMissingAndSplitsIntoDeciles() {
    double[] v = new double[110];
    for (int i = 0; i < 100; i++) {
      v[i] = i;
    }
    for (int i = 100; i < 110; i++) {
      v[i] = Double.NaN;
    }
    Distribution d = ReferenceBuilder.distribution("x", v);
    assertThat(d.count()).isEqualTo(100);
    assertThat(d.missing()).isEqualTo(10);
    assertThat(d.mean()).isCloseTo(49.5, within(1e-12));
    assertThat(d.binEdges()).hasSize(9);
    assertThat(d.binFractions()).hasSize(10);
    assertThat(d.binFractions().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1, within(1e-12));
    assertThat(d.binFractions()).allSatisfy(f -> assertThat(f).isCloseTo(0.1, within(0.011)));
  }

  @Test
  void aConstantFeatureHasOneEdgeAndAnEmptyOneHasNoStatistics() {
    Distribution constant = ReferenceBuilder.distribution("c", new double[] {0, 0, 0, 0});
    assertThat(constant.binEdges()).containsExactly(0.0);
    assertThat(constant.binFractions()).containsExactly(1.0, 0.0);
    Distribution empty = ReferenceBuilder.distribution("e", new double[] {Double.NaN});
    assertThat(empty.mean()).isNull();
    assertThat(empty.binFractions()).isEmpty();
  }

  @Test
  void theBinsAreAlsoCountedPerOutcome() {
    // 0..99 with a missing value in each group; the defaulters are the 20 lowest values.
    double[] v = new double[102];
    int[] labels = new int[102];
    for (int i = 0; i < 100; i++) {
      v[i] = i;
      labels[i] = i < 20 ? 1 : 0;
    }
    v[100] = Double.NaN;
    labels[100] = 1;
    v[101] = Double.NaN;
    labels[101] = 0;
    Distribution d = ReferenceBuilder.distribution("x", v, labels);
    // The whole population's shares, missing values left out: the deciles of 0..99 (edges 9.9,
    // 19.8, ..., 89.1) cut ten bins of ten values each, 10 / 100 = 0.1 apiece.
    assertThat(d.binFractions()).isEqualTo(Collections.nCopies(10, 0.1));
    assertThat(d.defaulters().count()).isEqualTo(20);
    assertThat(d.defaulters().missing()).isEqualTo(1);
    assertThat(d.others().count()).isEqualTo(80);
    assertThat(d.others().missing()).isEqualTo(1);
    // Deciles of 0..99: edges 9.9, 19.8, ... The defaulters 0..19 fill the first two bins.
    assertThat(d.defaulters().binFractions()).hasSize(10);
    assertThat(d.defaulters().binFractions().get(0)).isCloseTo(0.5, within(1e-12));
    assertThat(d.defaulters().binFractions().get(1)).isCloseTo(0.5, within(1e-12));
    assertThat(d.defaulters().binFractions().subList(2, 10)).allMatch(f -> f == 0);
    assertThat(d.others().binFractions().subList(0, 2)).allMatch(f -> f == 0);
    assertThat(d.others().binFractions().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1, within(1e-12));
    // Shares of each group weighted by its size give back the population's shares.
    for (int b = 0; b < 10; b++) {
      assertThat(
              (20 * d.defaulters().binFractions().get(b) + 80 * d.others().binFractions().get(b))
                  / 100)
          .isCloseTo(d.binFractions().get(b), within(1e-12));
    }
  }

  @Test
  void anOutcomeGroupWithoutValuesHasNoShares() {
    Distribution d =
        ReferenceBuilder.distribution("x", new double[] {1, 2, Double.NaN}, new int[] {0, 0, 1});
    assertThat(d.defaulters().count()).isZero();
    assertThat(d.defaulters().missing()).isEqualTo(1);
    assertThat(d.defaulters().binFractions()).isEmpty();
    assertThat(d.others().binFractions().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1, within(1e-12));
  }

  @Test
  void binIsTheFirstEdgeAtOrAboveTheValue() {
    List<Double> edges = List.of(1.0, 2.0, 3.0);
    assertThat(ReferenceBuilder.bin(edges, 0.5)).isEqualTo(0);
    assertThat(ReferenceBuilder.bin(edges, 1.0)).isEqualTo(0);
    assertThat(ReferenceBuilder.bin(edges, 2.5)).isEqualTo(2);
    assertThat(ReferenceBuilder.bin(edges, 9)).isEqualTo(3);
  }
}
