package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.training.BundleWriter;
import fr.pretadepenser.scoring.training.Trainer;
import fr.pretadepenser.scoring.training.TrainingData;
import fr.pretadepenser.scoring.training.TrainingOptions;
import fr.pretadepenser.scoring.training.TrainingProgress;
import fr.pretadepenser.scoring.training.TrainingResult;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A small real model bundle trained on the shipped sample, as {@code scoring train --folds 3
 * --search 0 --learning-rate 0.1 --weighting none} would write it: LightGBM, exact ONNX export,
 * every bundle file. No class-weighting comparison, to keep tests quick.
 */
final class SampleBundle {

  static final TrainingOptions OPTIONS =
      new TrainingOptions(3, 42, 0, 10, 1, 1, 0.1, 5000, TrainingOptions.NONE, java.util.Map.of());

  private SampleBundle() {}

  /** Trains on {@code data} (read from {@code files}) and writes the bundle to {@code dir}. */
  static Path train(HomeCreditFiles files, HomeCreditData data, Path dir) {
    long t0 = System.nanoTime();
    TrainingResult result =
        new Trainer(OPTIONS, TrainingProgress.NONE).train(data, TrainingData.sha256(files));
    BundleWriter.write(result, dir, TrainingProgress.NONE);
    System.out.printf(
        "sample bundle trained in %.1f s, stages (s): %s%n",
        (System.nanoTime() - t0) / 1e9, result.stageSeconds());
    return dir;
  }

  private static Path shared;

  /**
   * One bundle per test JVM, trained on first use into a temporary folder (deleted at exit): for
   * tests that only need a real bundle, not their own.
   */
  static synchronized Path shared() {
    if (shared == null) {
      try {
        Path dir = java.nio.file.Files.createTempDirectory("sample-bundle-");
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try (var paths = java.nio.file.Files.walk(dir)) {
                        paths
                            .sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                      } catch (java.io.IOException e) {
                        // a temporary folder left behind
                      }
                    }));
        shared = train(dir.resolve("bundle"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** Reads the sample and trains on it. */
  static Path train(Path dir) {
    HomeCreditFiles files = HomeCreditFiles.locate(CommandTestSupport.SAMPLE);
    HomeCreditData data =
        HomeCreditData.load(files, new HomeCreditData.Options(Instant.now(), 2, n -> {}));
    return train(files, data, dir);
  }
}
