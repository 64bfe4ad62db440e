/**
 * The advisor's login (form and HTTP Basic), CSRF, the login page and the password: the only
 * package that knows Spring Security.
 */
package fr.pretadepenser.scoring.dashboard.security;
