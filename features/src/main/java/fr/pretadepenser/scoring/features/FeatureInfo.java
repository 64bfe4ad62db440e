package fr.pretadepenser.scoring.features;

/**
 * One feature of the vector: its stable name (safe for LightGBM and ONNX: only [A-Za-z0-9_]), the
 * family it belongs to, and what it means in plain words.
 */
public record FeatureInfo(String name, FeatureFamily family, String description) {}
