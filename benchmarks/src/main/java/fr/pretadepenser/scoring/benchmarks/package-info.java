/**
 * JMH measurements of one prediction, ONNX against LightGBM, run by hand ({@code java -jar
 * benchmarks/target/benchmarks.jar}); the scorer on a real broker is in the {@code kafka}
 * subpackage.
 */
package fr.pretadepenser.scoring.benchmarks;
