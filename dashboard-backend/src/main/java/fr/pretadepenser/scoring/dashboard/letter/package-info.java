/**
 * The letter a client receives about a decision ({@code GET /api/clients/{id}/letter}): the
 * decision and its date, the principal reasons in plain words, what would change the decision (the
 * explainer's path to approval), the right to a human review and to give one's view (Directive (EU)
 * 2023/2225, art. 18) and a contact, in the client's language, as PDF or HTML. A REVIEW decision
 * (inside the review band) gets a letter saying that an adviser is deciding and that the client
 * will hear from us, with what raised the risk and what would let the loan be granted without a
 * review.
 *
 * <p>{@link fr.pretadepenser.scoring.dashboard.letter.Letters} builds the letter's words from the
 * explained decision only (the client file's own explanation view, so the letter and the page give
 * the same reasons); {@code LetterPdf} and {@code LetterHtml} lay the same words out.
 */
package fr.pretadepenser.scoring.dashboard.letter;
