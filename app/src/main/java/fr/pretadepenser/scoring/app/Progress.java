package fr.pretadepenser.scoring.app;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on stderr, so stdout stays clean for data. */
final class Progress {

  private Progress() {}

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
