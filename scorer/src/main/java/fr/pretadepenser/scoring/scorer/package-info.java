/**
 * The scorer: a Kafka Streams application that keeps every client's history in a local state store
 * (the online feature store) and decides each loan application with the one feature definition and
 * the model bundle.
 *
 * <p>Where to start: {@link fr.pretadepenser.scoring.scorer.ScorerTopology#build} is the whole data
 * path as a pure function (tested with TopologyTestDriver); {@link
 * fr.pretadepenser.scoring.scorer.ScorerService} runs it (topics, Kafka Streams, HTTP queries);
 * {@link fr.pretadepenser.scoring.model.ApplicationScorer} (in {@code model/}, shared with {@code
 * scoring score} and the dashboard's what-if) is what it decides with.
 *
 * <p>Rules kept here:
 *
 * <ul>
 *   <li>A bad record never stops the stream: whatever cannot be decoded, validated or scored
 *       becomes a {@code DeadLetter} with its original bytes and the reason. Only exceptions from
 *       Kafka and the stores propagate, because exactly-once depends on Kafka Streams seeing them.
 *   <li>The history is stored one event per entry, in arrival order, and read back into the same
 *       {@code ClientHistory} the batch side builds, so online features equal offline features bit
 *       for bit.
 *   <li>A model whose feature names differ from the definition's is refused before anything starts.
 * </ul>
 */
package fr.pretadepenser.scoring.scorer;
