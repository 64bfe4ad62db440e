package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.schemas.ClientHistories;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** Real applicants of the shipped 1% Home Credit sample, loaded once for every test class. */
final class SampleData {

  static final Path SAMPLE = Path.of("..", "data", "home-credit-sample");
  static final Instant SUBMITTED = Instant.parse("2026-01-15T09:30:00Z");
  static final Instant RECORDED = Instant.parse("2025-12-01T00:00:00Z");

  private static HomeCreditData data;
  private static FeatureDefinition definition;

  private SampleData() {}

  static synchronized HomeCreditData data() {
    if (data == null) {
      data = HomeCreditData.load(SAMPLE, SUBMITTED);
    }
    return data;
  }

  static synchronized FeatureDefinition definition() {
    if (definition == null) {
      definition = new FeatureDefinition(data().vocabulary());
    }
    return definition;
  }

  /** The first {@code n} applicants that match, in file order. */
  static List<Applicant> applicants(int n, Predicate<Applicant> filter) {
    return data().applicants().filter(filter).limit(n).toList();
  }

  /** An applicant with every history kind present, the richest first among the first few. */
  static Applicant withFullHistory() {
    return data()
        .applicants()
        .filter(a -> eventCount(a.history()) > 0)
        .filter(
            a ->
                !a.history().getBureau().isEmpty()
                    && !a.history().getPreviousApplications().isEmpty()
                    && !a.history().getPosCash().isEmpty()
                    && !a.history().getInstalments().isEmpty()
                    && !a.history().getCreditCard().isEmpty())
        .limit(20)
        .max(Comparator.comparingInt(a -> eventCount(a.history())))
        .orElseThrow();
  }

  static int eventCount(ClientHistory h) {
    return h.getBureau().size()
        + h.getPreviousApplications().size()
        + h.getPosCash().size()
        + h.getInstalments().size()
        + h.getCreditCard().size();
  }

  /**
   * A history as the ingest publishes it: one event per fact, list by list in the batch order
   * (bureau credits with their monthly balances, previous applications, POS/cash months,
   * instalments, card months), each with its event id.
   */
  static List<ClientHistoryEvent> events(ClientHistory h) {
    return ClientHistories.events(h, RECORDED);
  }
}
