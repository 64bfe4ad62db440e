/**
 * Data preparation on folders of Kaggle Home Credit tables, written back in the same formats: a
 * client-stratified split in two ({@link fr.pretadepenser.scoring.homecredit.prep.DemoSplit}, for
 * the demo) and a synthetic scale-up ({@link fr.pretadepenser.scoring.homecredit.prep.ScaleUp}, for
 * load tests only), both on the raw rows of {@link
 * fr.pretadepenser.scoring.homecredit.prep.SourceData}. Beside the readers because they are about
 * the same files; the commands that run them are in {@code app}.
 */
package fr.pretadepenser.scoring.homecredit.prep;
