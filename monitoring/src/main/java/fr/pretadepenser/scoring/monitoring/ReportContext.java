package fr.pretadepenser.scoring.monitoring;

/**
 * What the report says it compared.
 *
 * @param modelVersion the bundle's model version (its reference is the training population's)
 * @param data where the current data came from (a folder, a time window)
 * @param createdAt when the report was made (ISO-8601)
 */
public record ReportContext(String modelVersion, String data, String createdAt) {}
