package fr.pretadepenser.scoring.dashboard.letter;

import java.util.List;

/**
 * A letter's words, laid out by {@link LetterPdf} and {@link LetterHtml} alike.
 *
 * @param language {@code en} or {@code fr}
 * @param fileName the file's name without extension ({@code letter-100002-fr})
 * @param sender the lender's name then its address, one line each
 * @param dateLine the place and date of the letter
 * @param reference the client number (and the application's id)
 * @param greeting the salutation
 * @param opening the decision and its date, then how it was made
 * @param sections the reasons, what would change the decision, the rights, the contact
 * @param closing the closing formula and the signature
 */
record Letter(
    String language,
    String title,
    String fileName,
    List<String> sender,
    String dateLine,
    String reference,
    String greeting,
    List<String> opening,
    List<Section> sections,
    List<String> closing) {

  /**
   * One part of the letter: a heading, paragraphs, a list, and paragraphs after the list.
   *
   * @param items a bulleted list, empty for none
   */
  record Section(String heading, List<String> paragraphs, List<String> items, List<String> after) {}
}
