/**
 * A real single-node Kafka (KRaft, broker and controller in one node) for tests and local runs,
 * in-process ({@link fr.pretadepenser.scoring.broker.LocalKafkaBroker}) or in a child JVM that a
 * test can kill ({@link fr.pretadepenser.scoring.broker.BrokerProcess}), and the creation of the
 * project's topics on it through the schemas module's {@code TopicAdmin}. A library: tests and the
 * {@code broker} and {@code demo} commands use it; no service depends on it at compile scope.
 */
package fr.pretadepenser.scoring.broker;
