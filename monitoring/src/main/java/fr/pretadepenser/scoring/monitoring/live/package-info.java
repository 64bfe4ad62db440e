/**
 * The live model monitor: committed decisions, outcomes and applications (only their protected
 * groups are kept) in from Kafka, a bounded window of recent applicants, and at a fixed interval a
 * {@code MonitoringSnapshot} on {@code model-monitoring} (data drift, score drift, approval rate,
 * realised AUC and cost, fairness by group) plus a {@code ModelAlert} on {@code model-alerts} when
 * a threshold starts to be crossed. The statistics come from the parent package, the per-group
 * fairness arithmetic from the model library's {@code fairness.FairnessTable} (as training's), and
 * the AUC from the model library's metrics.
 */
package fr.pretadepenser.scoring.monitoring.live;
