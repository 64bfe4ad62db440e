/**
 * The exact ONNX export of a trained LightGBM model: LightGBM's text dump parsed into trees,
 * written as an ai.onnx.ml {@code TreeEnsemble} in double precision followed by LightGBM's sigmoid,
 * with the bundle's provenance in the metadata; and the parity check that compares LightGBM's and
 * ONNX Runtime's probabilities on the training rows before a bundle is written.
 */
package fr.pretadepenser.scoring.training.onnx;
