package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.events.Counterfactual;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A path to approval in words an advisor can read to the client, in English or French: "Borrow
 * 180,000 instead of 250,000 ...: risk 7.9% instead of 12.4%.", or that no change of the loan would
 * be enough. Built from the explained decision alone (its counterfactual, the application it
 * carries and its probability), so the client page and the refusal letter say the same.
 */
public final class PathToApprovalWords {

  private PathToApprovalWords() {}

  /**
   * The sentence for {@code path}.
   *
   * @param asked the application as the client made it (the values "instead of"); null when not
   *     known, then only the new values are said
   * @param probability the probability of default of the decision as made
   * @param locale French for {@code fr}, English otherwise
   */
  public static String sentence(
      Counterfactual path, LoanApplication asked, double probability, Locale locale) {
    return sentence(path, asked(path, asked), probability, locale);
  }

  /**
   * The values {@code application} asked for of the fields {@code path} changes (the credit too,
   * which a longer term keeps), by Kaggle name; empty when either is null.
   */
  public static Map<String, Double> asked(Counterfactual path, LoanApplication application) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (path == null || application == null) {
      return out;
    }
    out.put(PathToApproval.CREDIT, application.getAMTCREDIT());
    for (String field : path.getChanges().keySet()) {
      Object v = application.get(field);
      if (v instanceof Double d) {
        out.put(field, d);
      }
    }
    return out;
  }

  /**
   * The same, from the asked values alone ({@link #asked}).
   *
   * @param asked the values the client asked for, by Kaggle name; a value missing is not said
   */
  public static String sentence(
      Counterfactual path, Map<String, Double> asked, double probability, Locale locale) {
    boolean fr = "fr".equals(locale.getLanguage());
    NumberFormat money = NumberFormat.getIntegerInstance(fr ? Locale.FRENCH : Locale.ENGLISH);
    NumberFormat percent = NumberFormat.getPercentInstance(fr ? Locale.FRENCH : Locale.ENGLISH);
    percent.setMinimumFractionDigits(1);
    percent.setMaximumFractionDigits(1);
    if (!path.getFound()) {
      return fr
          ? "Aucune modification du prêt ne suffirait : même avec un montant ou une durée"
              + " modifiés, le risque resterait d\u2019au moins "
              + percent.format(path.getProbability())
              + " (seuil "
              + percent.format(path.getTarget())
              + ")."
          : "No change of the loan would be enough: with another amount or term, the risk would"
              + " still be at least "
              + percent.format(path.getProbability())
              + " (threshold "
              + percent.format(path.getTarget())
              + ").";
    }
    Map<String, Double> changes = path.getChanges();
    Double credit = changes.get(PathToApproval.CREDIT);
    Double annuity = changes.get(PathToApproval.ANNUITY);
    Double goods = changes.get(PathToApproval.GOODS_PRICE);
    StringBuilder s = new StringBuilder();
    if (credit != null) {
      s.append(fr ? "Emprunter " : "Borrow ")
          .append(money.format(credit))
          .append(insteadOf(asked.get(PathToApproval.CREDIT), money, fr));
      if (goods != null) {
        s.append(fr ? " pour un bien de " : " for goods of ")
            .append(money.format(goods))
            .append(insteadOf(asked.get(PathToApproval.GOODS_PRICE), money, fr));
      }
      if (annuity != null) {
        s.append(fr ? ", en échéances de " : ", in payments of ")
            .append(money.format(annuity))
            .append(insteadOf(asked.get(PathToApproval.ANNUITY), money, fr));
      }
    } else if (annuity != null) {
      s.append(fr ? "Rembourser " : "Repay ");
      Double sameCredit = asked.get(PathToApproval.CREDIT);
      if (sameCredit != null) {
        s.append(fr ? "les mêmes " : "the same ").append(money.format(sameCredit));
      } else {
        s.append(fr ? "le même montant" : "the same amount");
      }
      s.append(
              fr
                  ? " sur une durée plus longue, en échéances de "
                  : " over a longer term, in payments of ")
          .append(money.format(annuity))
          .append(insteadOf(asked.get(PathToApproval.ANNUITY), money, fr));
      Double askedAnnuity = asked.get(PathToApproval.ANNUITY);
      if (sameCredit != null && askedAnnuity != null && askedAnnuity > 0) {
        long before = Math.round(sameCredit / askedAnnuity);
        long after = Math.round(sameCredit / annuity);
        s.append(
            fr
                ? " (environ " + after + " échéances au lieu de " + before + ")"
                : " (about " + after + " payments instead of " + before + ")");
      }
    }
    s.append(fr ? " : risque " : ": risk ")
        .append(percent.format(path.getProbability()))
        .append(fr ? " au lieu de " : " instead of ")
        .append(percent.format(probability))
        .append(fr ? " (seuil " : " (threshold ")
        .append(percent.format(path.getTarget()))
        .append(").");
    return s.toString();
  }

  private static String insteadOf(Double asked, NumberFormat money, boolean fr) {
    return asked == null ? "" : (fr ? " au lieu de " : " instead of ") + money.format(asked);
  }
}
