package fr.pretadepenser.scoring.app;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on stderr, so stdout stays clean for data. */
final class Progress {

  private Progress() {}

  /** Reads a folder of Kaggle tables with a progress bar over the bytes read. */
  static fr.pretadepenser.scoring.homecredit.HomeCreditData read(
      fr.pretadepenser.scoring.homecredit.HomeCreditFiles files, int threads) {
    try (ProgressBar bar = bar("Reading", files.totalBytes(), "MiB", 1 << 20)) {
      return fr.pretadepenser.scoring.homecredit.HomeCreditData.load(
          files,
          new fr.pretadepenser.scoring.homecredit.HomeCreditData.Options(
              java.time.Instant.now(), threads, bar::stepBy));
    }
  }

  static ProgressBar bar(String task, long max, String unit, long unitSize) {
    ProgressBarBuilder b =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(max)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(500)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
            .showSpeed();
    if (unit != null) {
      b.setUnit(unit, unitSize);
    }
    return b.build();
  }
}
