package fr.pretadepenser.scoring.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The id of the decision on an application ({@code Decision.decision_id}): a name-based UUID (RFC
 * 4122 version 3) of the client id and the application id. Derived, not drawn, so that an
 * application decided again after a crash (before its first decision was committed) gets the same
 * id, and so that any service holding an application (the intake answering "already received") can
 * name its decision without asking the scorer. The client id is part of the name because the
 * scorer's idempotency key is (client, application id): two origination systems may reuse an
 * application id for different clients.
 */
public final class DecisionIds {

  private DecisionIds() {}

  /** e.g. {@code 1b4e28ba-2fa1-31d2-883f-0016d3cca427}; always the same for the same pair. */
  public static String of(long clientId, String applicationId) {
    Objects.requireNonNull(applicationId, "applicationId");
    return UUID.nameUUIDFromBytes(
            ("decision:" + clientId + ":" + applicationId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
