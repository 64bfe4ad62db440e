package fr.pretadepenser.scoring.dashboard.decisions;

import java.util.List;

/**
 * A pseudonymous display name for a client id, as the original project did with lists of first
 * names and surnames: advisors talk about "Camille Martin" rather than 100042, yet no real name is
 * stored or shown. The same id always gets the same name; different ids may share one.
 */
public final class DisplayNames {

  private static final List<String> FIRST =
      List.of(
          "Camille", "Louis", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Gabriel", "Emma", "Jules",
          "Inès", "Arthur", "Jade", "Nathan", "Louise", "Raphaël", "Alice", "Adam", "Lina", "Paul",
          "Sarah", "Théo", "Zoé", "Noah", "Anna", "Tom", "Rose", "Ethan", "Mila", "Sacha", "Julia",
          "Victor", "Eva", "Mathis", "Nina", "Maël", "Clara", "Liam", "Lou", "Enzo");
  private static final List<String> LAST =
      List.of(
          "Martin",
          "Bernard",
          "Thomas",
          "Petit",
          "Robert",
          "Richard",
          "Durand",
          "Dubois",
          "Moreau",
          "Laurent",
          "Simon",
          "Michel",
          "Lefebvre",
          "Leroy",
          "Roux",
          "David",
          "Bertrand",
          "Morel",
          "Fournier",
          "Girard",
          "Bonnet",
          "Dupont",
          "Lambert",
          "Fontaine",
          "Rousseau",
          "Vincent",
          "Muller",
          "Lefèvre",
          "Faure",
          "André",
          "Mercier",
          "Blanc",
          "Guérin",
          "Boyer",
          "Garnier",
          "Chevalier",
          "François",
          "Legrand",
          "Gauthier",
          "Garcia");

  private DisplayNames() {}

  /** The client's display name, the same at every call. */
  public static String of(long clientId) {
    // SplitMix64's finaliser spreads neighbouring ids over the lists.
    long z = clientId + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    int first = (int) Math.floorMod(z, (long) FIRST.size());
    int last = (int) Math.floorMod(z >>> 20, (long) LAST.size());
    return FIRST.get(first) + " " + LAST.get(last);
  }
}
