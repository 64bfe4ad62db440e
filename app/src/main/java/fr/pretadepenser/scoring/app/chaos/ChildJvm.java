package fr.pretadepenser.scoring.app.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One child process of {@code scoring chaos} (a scorer or an explainer), its output appended to a
 * log file. The child is started through the hidden {@code chaos-child} command, which stops it
 * when its standard input ends: this object keeps that pipe open, so when the parent dies, even by
 * SIGKILL, the pipe closes and the child stops too, and no run leaves processes behind.
 */
public final class ChildJvm {

  private final String name;
  private final List<String> command;
  private final Path log;
  private Process process;

  /**
   * @param name what the logs call it, e.g. {@code scorer-1}
   * @param command the whole command line
   * @param log where its output goes (appended across restarts)
   */
  public ChildJvm(String name, List<String> command, Path log) {
    this.name = name;
    this.command = List.copyOf(command);
    this.log = log;
  }

  /**
   * The command that runs this program's {@code scoring} command line in a new JVM with {@code
   * jvmOptions}: {@code java -jar scoring.jar} when this JVM runs the runnable jar, else {@code
   * java -cp <class path> <main class>} (tests, IDEs).
   */
  public static List<String> launcher(String mainClass, List<String> jvmOptions) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.addAll(jvmOptions);
    String classPath = System.getProperty("java.class.path");
    if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
      c.add("-jar");
      c.add(Path.of(classPath).toAbsolutePath().toString());
    } else {
      c.add("-cp");
      c.add(classPath);
      c.add(mainClass);
    }
    return c;
  }

  /** Starts (or starts again) the process. */
  public synchronized ChildJvm start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running");
    }
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
    }
    return this;
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The exit code of a process that ended, or -1 while it runs. */
  public synchronized int exitValue() {
    return process == null || process.isAlive() ? -1 : process.exitValue();
  }

  /** SIGKILL, and wait for the end; returns the exit status (137). */
  public synchronized int kill() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor();
  }

  /** SIGTERM (a clean stop), SIGKILL after {@code seconds}; returns the exit status. */
  public synchronized int stop(long seconds) throws InterruptedException {
    if (process == null) {
      return -1;
    }
    process.destroy();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return process.waitFor();
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }
}
