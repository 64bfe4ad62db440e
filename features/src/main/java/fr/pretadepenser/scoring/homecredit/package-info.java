/**
 * Readers of the seven Kaggle "Home Credit Default Risk" tables.
 *
 * <p>{@link fr.pretadepenser.scoring.homecredit.HomeCreditData#load} reads a folder of {@code .csv}
 * or {@code .csv.gz} files into a compact column store (primitive arrays, dictionary-coded strings,
 * an index by client) and hands out one {@link fr.pretadepenser.scoring.homecredit.Applicant} at a
 * time, building that client's Avro history only when it is visited: the full Kaggle data (about 58
 * million history rows) would not fit in memory as Avro objects.
 *
 * <p>Bad input fails with a {@link fr.pretadepenser.scoring.homecredit.DataFileException} whose
 * message names the file, the line and the column.
 */
package fr.pretadepenser.scoring.homecredit;
