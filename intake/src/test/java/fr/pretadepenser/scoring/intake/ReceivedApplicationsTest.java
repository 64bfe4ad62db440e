package fr.pretadepenser.scoring.intake;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.intake.ReceivedApplications.Claim;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The intake's memory of received application ids and of what each asked. */
class ReceivedApplicationsTest {

  static LoanApplication application(String id) {
    LoanApplication a =
        LoanApplication.newBuilder(SampleData.data().applicant(1).application()).build();
    a.setApplicationId(id);
    return a;
  }

  @Test
  void aReSendIsTheSameEvenWhenItsSendTimeChangedAndOtherValuesAreAConflict() {
    ReceivedApplications received = new ReceivedApplications(10);
    LoanApplication first = application("a-1");
    assertThat(received.claim(first)).isEqualTo(Claim.NEW);

    LoanApplication again = application("a-1");
    again.setSubmittedAt(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(received.claim(again)).isEqualTo(Claim.SAME);

    LoanApplication changed = application("a-1");
    changed.setAMTCREDIT(changed.getAMTCREDIT() + 1);
    assertThat(received.claim(changed)).isEqualTo(Claim.DIFFERENT);
    // The conflict changed nothing: the first values are still the ones remembered.
    assertThat(received.claim(first)).isEqualTo(Claim.SAME);
    assertThat(received.size()).isEqualTo(1);
  }

  @Test
  void theOldestIdIsForgottenFirstAndAFailedPublicationIsReleased() {
    ReceivedApplications received = new ReceivedApplications(2);
    received.claim(application("a"));
    received.claim(application("b"));
    received.claim(application("c"));
    assertThat(received.size()).isEqualTo(2);
    assertThat(received.claim(application("a"))).isEqualTo(Claim.NEW);
    received.release("a");
    assertThat(received.claim(application("a"))).isEqualTo(Claim.NEW);
  }

  @Test
  void theConflictIsSaidInTheRequestsLanguageWithALongIdCut() {
    assertThat(ApplicationController.conflict("a-1", Locale.ENGLISH))
        .startsWith("application id a-1 was already received with other values");
    assertThat(ApplicationController.conflict("x".repeat(128), Locale.FRENCH))
        .startsWith("l’identifiant de demande " + "x".repeat(64) + "… a déjà été reçu");
  }
}
