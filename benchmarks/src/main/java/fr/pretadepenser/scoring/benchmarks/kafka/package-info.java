/**
 * The streaming scorer measured on a real Kafka broker, from outside as a client sees it: history
 * fold rate, sustained decisions per second and application-to-decision latency. {@code bin/scoring
 * benchmark} runs {@link fr.pretadepenser.scoring.benchmarks.kafka.KafkaScorerBenchmark}; the JMH
 * measurements of one prediction are in the parent package.
 */
package fr.pretadepenser.scoring.benchmarks.kafka;
