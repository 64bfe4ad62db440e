package fr.pretadepenser.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.pretadepenser.scoring.model.ReferenceDistributions.Distribution;
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
  void binIsTheFirstEdgeAtOrAboveTheValue() {
    List<Double> edges = List.of(1.0, 2.0, 3.0);
    assertThat(ReferenceBuilder.bin(edges, 0.5)).isEqualTo(0);
    assertThat(ReferenceBuilder.bin(edges, 1.0)).isEqualTo(0);
    assertThat(ReferenceBuilder.bin(edges, 2.5)).isEqualTo(2);
    assertThat(ReferenceBuilder.bin(edges, 9)).isEqualTo(3);
  }
}
