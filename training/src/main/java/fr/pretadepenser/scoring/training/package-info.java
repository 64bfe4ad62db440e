/**
 * Offline training: features from the one feature definition, LightGBM (lightgbm4j) with stratified
 * cross-validation, a cost-based decision threshold, the exact ONNX export and the model bundle
 * that the scorer, explainer and dashboard load.
 */
package fr.pretadepenser.scoring.training;
