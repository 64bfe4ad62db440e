package fr.pretadepenser.scoring.dashboard.letter;

import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code dashboard.letter.*} settings: who signs the letter and how a client reaches them.
 *
 * @param lender the lender's name, as the letter signs
 * @param address the postal address, one line each
 * @param email where a client writes to ask for a review; empty to leave it out
 * @param phone where a client calls; empty to leave it out
 * @param zone the time zone the decision's date is given in
 */
@ConfigurationProperties("dashboard.letter")
record LetterProperties(
    String lender, List<String> address, String email, String phone, ZoneId zone) {

  LetterProperties {
    lender = lender == null || lender.isBlank() ? "Prêt à dépenser" : lender.strip();
    address = address == null ? List.of() : List.copyOf(address);
    email = email == null ? "" : email.strip();
    phone = phone == null ? "" : phone.strip();
    zone = zone == null ? ZoneId.of("Europe/Paris") : zone;
  }
}
