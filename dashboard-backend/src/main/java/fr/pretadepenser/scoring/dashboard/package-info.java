/**
 * The advisors' dashboard backend (Spring WebFlux). {@link
 * fr.pretadepenser.scoring.dashboard.DashboardApplication} is the one public class.
 *
 * <p>Data: {@link fr.pretadepenser.scoring.dashboard.KafkaFeed} reads the explained decisions,
 * decisions, dead letters and applications into the bounded {@link
 * fr.pretadepenser.scoring.dashboard.DashboardView}, which numbers them onto the {@link
 * fr.pretadepenser.scoring.dashboard.LiveFeed} (SSE), and the monitor's snapshots and alerts into
 * the bounded {@link fr.pretadepenser.scoring.dashboard.MonitoringView}. Model: {@link
 * fr.pretadepenser.scoring.dashboard.ModelService} (the bundle's ONNX model, and the explainer
 * module's {@code DecisionExplainer} for SHAP and reasons in English or French). Web: one
 * controller per page's needs (live, clients and comparisons, model, what-if, applications,
 * monitoring), {@link fr.pretadepenser.scoring.dashboard.SecurityConfig}.
 */
package fr.pretadepenser.scoring.dashboard;
