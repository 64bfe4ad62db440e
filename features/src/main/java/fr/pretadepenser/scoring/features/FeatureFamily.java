package fr.pretadepenser.scoring.features;

/** The feature families of the "LightGBM with simple features" kernel, in vector order. */
public enum FeatureFamily {
  APPLICATION,
  BUREAU,
  PREVIOUS,
  POS_CASH,
  INSTALMENTS,
  CREDIT_CARD
}
