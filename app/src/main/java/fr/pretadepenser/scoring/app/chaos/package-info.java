/**
 * The pieces of {@code scoring chaos} that need no Kafka and are tested alone: the seeded kill
 * schedule ({@link fr.pretadepenser.scoring.app.chaos.ChaosSchedule}), the verdict's arithmetic
 * over what was read back ({@link fr.pretadepenser.scoring.app.chaos.ChaosVerdict}), the recovery
 * and latency figures ({@link fr.pretadepenser.scoring.app.chaos.ChaosFigures}), and the child
 * processes it starts, kills and restarts ({@link fr.pretadepenser.scoring.app.chaos.ChildJvm}).
 */
package fr.pretadepenser.scoring.app.chaos;
