/**
 * The wire formats of the scoring pipeline: a Kafka serde for the generated Avro events ({@link
 * fr.pretadepenser.scoring.schemas.AvroSerde}, single-object encoding, reads every committed
 * previous schema version) and the one catalogue of topic names and serdes ({@link
 * fr.pretadepenser.scoring.schemas.Topics}), with the one class that creates and checks topics on
 * Kafka ({@link fr.pretadepenser.scoring.schemas.TopicAdmin}).
 *
 * <p>The event classes themselves are generated from {@code src/main/avro/*.avsc} into {@code
 * fr.pretadepenser.scoring.events}. Each top-level schema's previous versions are committed under
 * {@code src/main/resources/schemas/history/} and a test keeps the current schema able to read all
 * of them; {@link fr.pretadepenser.scoring.schemas.SchemaHistoryRecorder} records a new version.
 */
package fr.pretadepenser.scoring.schemas;
