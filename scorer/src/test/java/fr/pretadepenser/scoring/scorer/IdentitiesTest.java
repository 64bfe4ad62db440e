package fr.pretadepenser.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.LoanApplication;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The application content hash is stored (the application-id store keeps it to tell a re-send from
 * the same id with other values), so its bytes must never change: a new formula would make every
 * application received before an upgrade "different content" when re-sent after it.
 */
class IdentitiesTest {

  /** The formula as first written: SHA-256 of name=value NUL per non-null field, by name. */
  private static byte[] asFirstWritten(LoanApplication application) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    List<Schema.Field> fields =
        LoanApplication.getClassSchema().getFields().stream()
            .filter(f -> !Identities.TRANSPORT_FIELDS.contains(f.name()))
            .sorted(Comparator.comparing(Schema.Field::name))
            .toList();
    for (Schema.Field f : fields) {
      Object v = application.get(f.pos());
      if (v != null) {
        digest.update((f.name() + "=" + v + "\u0000").getBytes(StandardCharsets.UTF_8));
      }
    }
    return digest.digest();
  }

  @Test
  void theContentHashKeepsItsStoredFormatOnEverySampleApplication() throws Exception {
    var data = SampleData.data();
    for (int i = 0; i < data.size(); i++) {
      LoanApplication a = data.applicant(i).application();
      assertThat(Identities.contentHash(a)).as("applicant %d", i).isEqualTo(asFirstWritten(a));
    }
  }

  @Test
  void theContentHashKeepsItsStoredFormatWithTextBeyondAscii() throws Exception {
    LoanApplication a =
        LoanApplication.newBuilder(SampleData.data().applicant(0).application()).build();
    a.setOCCUPATIONTYPE("Ingénieure — 工程师 \uD83D\uDE00");
    assertThat(Identities.contentHash(a)).isEqualTo(asFirstWritten(a));
    // and the reused digest leaves nothing behind between calls
    assertThat(Identities.contentHash(a)).isEqualTo(Identities.contentHash(a));
  }
}
