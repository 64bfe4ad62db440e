package fr.pretadepenser.scoring.features;

/**
 * The pandas aggregations the kernel uses; the constant name is the upper-case suffix of the
 * feature name ({@code _MIN}, {@code _VAR}, ...). {@link #SIZE} counts the rows.
 */
public enum Agg {
  MIN,
  MAX,
  MEAN,
  SUM,
  VAR,
  SIZE,
  NUNIQUE
}
