package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.monitoring.live.MonitorState;
import fr.pretadepenser.scoring.schemas.ClientHistories;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The soak command end to end on a few hundred applications (a smoke test: the heap figures depend
 * on the machine; that every application went through, that the samples and the monitor's bounded
 * sizes are reported, is checked), and its two pieces of arithmetic.
 */
class SoakCommandTest {

  @Test
  void everyApplicationGoesThroughAndTheLastLineIsTheReport() throws Exception {
    CommandTestSupport.Run r =
        CommandTestSupport.runCapturingStdout(
            "soak",
            "--data",
            CommandTestSupport.SAMPLE.toString(),
            "--model",
            SampleBundle.shared().toString(),
            "--applications",
            "600",
            "--sample-every",
            "200",
            "--outcome-lag",
            "100",
            "--in-flight",
            "200",
            "--monitor-limit",
            "150",
            "--history-every",
            "3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String[] lines = r.out().strip().split("\n");
    JsonNode report = new ObjectMapper().readTree(lines[lines.length - 1]);

    assertThat(report.get("applications").asInt()).isEqualTo(600);
    JsonNode samples = report.get("samples");
    assertThat(samples.size()).isBetween(4, 5);
    assertThat(samples.get(0).get("processed").asLong()).isZero();
    JsonNode last = samples.get(samples.size() - 1);
    assertThat(last.get("processed").asLong()).isEqualTo(600);
    assertThat(last.get("heap_mib").asDouble()).isPositive();
    // The monitor has seen decisions and joined outcomes, within its bounds.
    assertThat(last.get("monitor_joined").asInt()).isBetween(1, 150);
    assertThat(last.get("monitor_clients").asInt()).isBetween(1, 150);
    assertThat(report.has("heap_slope_mib_per_100k")).isTrue();
  }

  @Test
  void aCopiedHistoryEventBelongsToTheNewClientEverywhereAndTheTemplateIsUntouched() {
    Applicant template =
        HomeCreditData.load(CommandTestSupport.SAMPLE, Instant.EPOCH)
            .applicants()
            .filter(a -> ClientHistories.count(a.history()) > 0)
            .filter(a -> !a.history().getBureau().isEmpty())
            .findFirst()
            .orElseThrow();
    long original = template.clientId();
    for (ClientHistoryEvent e : ClientHistories.events(template.history(), Instant.EPOCH)) {
      ClientHistoryEvent copy = SoakCommand.copy(e, 123_456_789L);
      // Folding checks that every record of the event is the client's.
      ClientHistories.append(ClientHistories.empty(123_456_789L), copy);
      assertThat(copy.toString()).doesNotContain("\"SK_ID_CURR\": " + original + ",");
      assertThat(e.toString()).doesNotContain("123456789");
    }
  }

  @Test
  void theSlopeIsTheLeastSquaresOneInMibPerApplication() {
    List<SoakCommand.Sample> flat =
        List.of(sample(0, 100), sample(100_000, 101), sample(200_000, 99));
    assertThat(SoakCommand.slope(flat)).isCloseTo(-0.5 / 100_000, within(1e-12));
    // 10 MiB more every 100,000 applications.
    List<SoakCommand.Sample> leak =
        List.of(sample(0, 100), sample(100_000, 110), sample(200_000, 120));
    assertThat(SoakCommand.slope(leak) * 100_000).isCloseTo(10, within(1e-9));
    assertThat(SoakCommand.slope(List.of(sample(0, 1)))).isNaN();
  }

  private static SoakCommand.Sample sample(long processed, double mib) {
    return new SoakCommand.Sample(
        processed, 0, (long) (mib * 1048576), new MonitorState.Sizes(0, 0, 0, 0, 0));
  }
}
