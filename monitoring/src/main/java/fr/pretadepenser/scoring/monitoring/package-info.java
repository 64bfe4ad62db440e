/**
 * Data drift between a model bundle's training reference ({@code reference.json}) and the feature
 * vectors of new applicants: per-feature statistics (normalised Wasserstein and PSI for numeric
 * features, Jensen–Shannon distance for categorical ones), the dataset verdict, and the
 * self-contained HTML report with its JSON twin.
 */
package fr.pretadepenser.scoring.monitoring;
