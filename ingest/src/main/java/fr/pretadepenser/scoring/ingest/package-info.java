/**
 * Getting applications and client history into Kafka: the replay of the Kaggle tables ({@code
 * replay}) and the HTTP intake for origination systems ({@code intake}), with what both share.
 */
package fr.pretadepenser.scoring.ingest;
