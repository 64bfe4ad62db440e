/**
 * What every controller shares: the API's error bodies (400 naming every bad field, 404) and the
 * reading of common parameters ({@link fr.pretadepenser.scoring.dashboard.web.ApiErrors}).
 */
package fr.pretadepenser.scoring.dashboard.web;
