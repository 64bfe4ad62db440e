/**
 * The oversight trail's tamper evidence, pure and without Kafka: the canonical bytes of a {@code
 * DecisionOverride} and its SHA-256 hash chain ({@link
 * fr.pretadepenser.scoring.schemas.audit.OverrideChain}), the verifier that names the first broken
 * sequence ({@link fr.pretadepenser.scoring.schemas.audit.ChainVerifier}), and the exported copy of
 * a trail, one Avro JSON record a line ({@link fr.pretadepenser.scoring.schemas.audit.TrailFile}).
 * The dashboard writes the chain with it, {@code bin/scoring audit verify} checks it with it.
 */
package fr.pretadepenser.scoring.schemas.audit;
