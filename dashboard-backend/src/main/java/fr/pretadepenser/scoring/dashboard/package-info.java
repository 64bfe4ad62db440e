/**
 * The advisors' dashboard backend (Spring WebFlux), packaged by feature. This package holds the
 * application ({@link fr.pretadepenser.scoring.dashboard.DashboardApplication}, the one class other
 * modules use) and its settings ({@link fr.pretadepenser.scoring.dashboard.DashboardProperties});
 * it knows no feature. Each feature package declares its own beans.
 *
 * <p>Data: {@code kafka} reads the explained decisions, decisions, dead letters and applications
 * into {@code decisions} (the bounded view the pages share), which hands them to the live stream
 * ({@code live}), and the monitor's snapshots and alerts into {@code monitoring}. Model: {@code
 * model} (the bundle's ONNX model, SHAP and reasons in English or French from the explain library,
 * the model page). Pages: {@code live}, {@code client}, {@code whatif}, {@code model}, {@code
 * monitoring}; {@code web} holds the API's error bodies, {@code security} the login. The layout is
 * kept by {@code PackageLayoutTest}.
 */
package fr.pretadepenser.scoring.dashboard;
