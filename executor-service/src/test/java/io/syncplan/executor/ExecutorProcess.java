package io.syncplan.executor;

import io.syncplan.testsupport.SyncplanInfrastructureExtension;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.TestRclone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * An executor in a JVM of its own, started from the test's class path, that a test can kill the way
 * a machine dies: SIGKILL for the JVM and for the rclone processes it started, so it publishes
 * nothing more and releases nothing.
 */
public final class ExecutorProcess implements AutoCloseable {

  private final String id;
  private final Process process;
  private final Path log;

  private ExecutorProcess(String id, Process process, Path log) {
    this.id = id;
    this.process = process;
    this.log = log;
  }

  public static ExecutorProcess start(
      String id,
      String pool,
      TestInfrastructure infrastructure,
      Path workDir,
      Map<String, String> settings) {
    return start(
        id,
        pool,
        infrastructure,
        infrastructure.mongoUri(),
        workDir,
        settings,
        ExecutorServiceApplication.class,
        Map.of());
  }

  /**
   * As {@link #start(String, String, TestInfrastructure, Path, Map)}, reaching MongoDB at {@code
   * mongoUri} (through a proxy, say), started by {@code mainClass} with JVM system properties.
   */
  public static ExecutorProcess start(
      String id,
      String pool,
      TestInfrastructure infrastructure,
      String mongoUri,
      Path workDir,
      Map<String, String> settings,
      Class<?> mainClass,
      Map<String, String> systemProperties) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.add("--spring.kafka.bootstrap-servers=" + infrastructure.bootstrapServers());
    command.add("--spring.mongodb.uri=" + mongoUri);
    command.add("--syncplan.secrets.key=" + SyncplanInfrastructureExtension.TEST_SECRETS_KEY);
    command.add(
        "--syncplan.executor.local-roots=" + SyncplanInfrastructureExtension.TEST_LOCAL_ROOTS);
    command.add(
        "--syncplan.command-signing.trusted-keys="
            + SyncplanInfrastructureExtension.TEST_SIGNING_PUBLIC_KEY);
    command.add("--server.port=0");
    command.add("--spring.main.banner-mode=off");
    command.add("--syncplan.executor.id=" + id);
    command.add("--syncplan.executor.pool=" + pool);
    command.add("--syncplan.executor.work-dir=" + workDir.resolve(id));
    command.add("--syncplan.network.allow=127.0.0.0/8,::1");
    command.add("--syncplan.executor.rclone=" + TestRclone.binary());
    settings.forEach((key, value) -> command.add("--" + key + "=" + value));
    try {
      Files.createDirectories(workDir);
      Path log = workDir.resolve(id + ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new ExecutorProcess(id, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start an executor process", e);
    }
  }

  /** Waits until the executor is up and listening. */
  public ExecutorProcess awaitStarted(Duration timeout) {
    Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(id + " exited at start:\n" + Files.readString(log));
              }
              return Files.readString(log).contains("Started ExecutorServiceApplication");
            });
    return this;
  }

  public String id() {
    return id;
  }

  /** Kills the executor and the rclone processes it started, as a dying machine would. */
  public void kill() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Asks the executor to stop the way a platform does (SIGTERM, as Kubernetes or docker stop send
   * it): the JVM's shutdown runs, its rclone processes get no signal.
   */
  public void terminate() {
    process.destroy();
  }

  /** Waits until the executor's JVM exited; true if it did within the timeout. */
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What the executor logged so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the JVM in its tracks (SIGSTOP), as a long pause would, until {@link #resume()}. */
  public void pause() {
    signal("STOP");
  }

  /** Lets a paused JVM go on (SIGCONT). */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
      kill.waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
