/**
 * The {@code scoring} command line (picocli), run by {@code bin/scoring}: one runnable jar, one
 * subcommand per job. Bad input ends with a message naming file, line and column and a non-zero
 * exit code; {@code --verbose} adds the stack trace.
 */
package fr.pretadepenser.scoring.app;
