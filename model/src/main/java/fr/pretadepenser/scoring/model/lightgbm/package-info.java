/**
 * LightGBM's text model read into plain Java values: the source of training's ONNX export and of
 * explain's Java TreeSHAP, so neither needs the other (nor LightGBM's native library) to read
 * trees.
 */
package fr.pretadepenser.scoring.model.lightgbm;
