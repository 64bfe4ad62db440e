/**
 * The replay of a Kaggle Home Credit folder onto the {@code client-history} and {@code
 * loan-applications} topics ({@link fr.pretadepenser.scoring.ingest.replay.Replay}).
 */
package fr.pretadepenser.scoring.ingest.replay;
