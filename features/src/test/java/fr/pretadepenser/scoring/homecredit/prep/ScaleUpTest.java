package fr.pretadepenser.scoring.homecredit.prep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The scale-up's rounding of jittered amounts. The whole generator (same seed, same files; fresh
 * consistent ids) is tested through {@code bin/scoring generate} in app's GenerateCommandTest.
 */
class ScaleUpTest {

  @Test
  void amountsAreJitteredByAtMostFivePercent() {
    assertThat(ScaleUp.jitter("100000.0", 1.05, false)).isEqualTo("105000.0");
    assertThat(ScaleUp.jitter("10.0", 1.0123, false)).isEqualTo("10.12");
    assertThat(ScaleUp.jitter("-10.0", 1.012, false)).isEqualTo("-10.12");
    assertThat(ScaleUp.jitter("10.0", 0.951, false)).isEqualTo("9.51");
    assertThat(ScaleUp.jitter("10.0", 1.005, false)).isEqualTo("10.05");
    assertThat(ScaleUp.jitter("0.0", 1.03, false)).isEqualTo("0.0");
    assertThat(ScaleUp.jitter("45000", 1.01, true)).isEqualTo("45450");
    assertThat(ScaleUp.jitter("12345678.0", 1.0, false)).isEqualTo("12345678.0");
  }
}
