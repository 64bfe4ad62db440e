package fr.pretadepenser.scoring.training;

/** Where training reports its progress (a console progress bar in the command line). */
public interface TrainingProgress {

  /** Starts a task of {@code steps} steps; close the returned task when it is over. */
  Task start(String name, long steps);

  interface Task extends AutoCloseable {
    void step(long n);

    @Override
    void close();
  }

  TrainingProgress NONE =
      (name, steps) ->
          new Task() {
            @Override
            public void step(long n) {}

            @Override
            public void close() {}
          };
}
