package io.syncplan.executor.rclone;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.executor.config.ExecutorProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Runs rclone as a child process from an argument list (never through a shell), with an environment
 * of its own: a few variables of the executor's (never its secrets), the executor's vetting proxy,
 * the operator's extra rclone environment, and the command's remotes. Reads rclone's JSON log as it
 * comes. Blocks the calling thread: call it from a run's own thread.
 */
@Component
public class RcloneRunner {

  private static final List<String> INHERITED_ENVIRONMENT =
      List.of("PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TZ", "USER");

  /** Beside each run's rclone, the short commands of plan set-up, storage tests and retention. */
  private static final int THREADS_BESIDE_RUNS = 16;

  /** Counts the rclone processes started, by verb: what a run costs in process starts. */
  static final String STARTED = "syncplan.executor.rclone.started";

  private final Map<String, String> operatorEnvironment;
  private final RcloneProxy proxy;
  private final MeterRegistry registry;

  /**
   * Reads child processes' output: blocking work, kept off the shared common pool. Two threads at
   * most per rclone (its log and its listing); rclone processes are bounded by the run concurrency
   * and the few short commands beside them, so past that bound something is wrong, and the command
   * fails at once instead of waiting for a thread while its rclone blocks on a full pipe.
   */
  private final ExecutorService io;

  RcloneRunner(
      ExecutorProperties properties, MeterRegistry registry, ObjectProvider<RcloneProxy> proxy) {
    this.operatorEnvironment = properties.rcloneEnvironment();
    this.proxy = proxy.getIfAvailable(() -> RcloneProxy.NONE);
    this.registry = registry;
    CustomizableThreadFactory threads = new CustomizableThreadFactory("rclone-io-");
    threads.setDaemon(true);
    this.io =
        new ThreadPoolExecutor(
            0,
            2 * (properties.concurrency() + THREADS_BESIDE_RUNS),
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            threads);
  }

  /** A started rclone; {@link #await} reads its log to the end and returns the report. */
  public static final class RunningRclone {
    private final Process process;
    private final Redactor redactor;
    private final CompletableFuture<String> stdout;
    private final long startedNanos = System.nanoTime();
    private volatile Consumer<String> logWatcher = line -> {};

    private RunningRclone(
        Process process, Redactor redactor, boolean captureStdout, ExecutorService io) {
      this.process = process;
      this.redactor = redactor;
      this.stdout =
          captureStdout
              ? CompletableFuture.supplyAsync(this::readStdout, io)
              : CompletableFuture.completedFuture("");
    }

    public RcloneReport await(Consumer<RcloneProgress> onProgress) {
      RcloneLogParser parser = new RcloneLogParser(redactor);
      try (BufferedReader log =
          new BufferedReader(
              new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = log.readLine(); line != null; line = log.readLine()) {
          logWatcher.accept(line);
          parser.accept(line).ifPresent(onProgress);
        }
      } catch (IOException e) {
        // The log broke off (rclone was killed): the exit code tells the rest.
      }
      int exit = waitForExit();
      return parser.finish(exit, Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /**
     * Also shows each line of rclone's log, as {@link #await} reads it, to {@code watcher} (which
     * must be quick: it runs on the reading thread). The lines are rclone's own, unmasked.
     */
    public void watchLog(Consumer<String> watcher) {
      this.logWatcher = watcher;
    }

    /** What rclone printed on its standard output, once it exited (empty unless captured). */
    public String stdout() {
      try {
        return stdout.get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "";
      } catch (ExecutionException | TimeoutException e) {
        return "";
      }
    }

    private String readStdout() {
      try {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }

    private int waitForExit() {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return process.waitFor();
          } catch (InterruptedException e) {
            // The log ended, so rclone is exiting; a run's thread never leaves a live child.
            interrupted = true;
            stop();
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** Stops rclone and every process it started. */
    public void stop() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }

    public long pid() {
      return process.pid();
    }
  }

  /** Starts a run's rclone; its standard output is discarded (its log is on standard error). */
  public RunningRclone start(RcloneCommand command) {
    return start(command, false);
  }

  /** Starts rclone, keeping what it prints on standard output for {@link RunningRclone#stdout}. */
  public RunningRclone start(RcloneCommand command, boolean captureStdout) {
    return start(
        command, captureStdout ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
  }

  /**
   * Starts rclone writing its standard output into a file, for output too long to hold in memory
   * (the listing of a large tree), which is then read line by line.
   */
  public RunningRclone start(RcloneCommand command, Path stdoutFile) {
    return start(command, ProcessBuilder.Redirect.to(stdoutFile.toFile()));
  }

  private RunningRclone start(RcloneCommand command, ProcessBuilder.Redirect stdout) {
    boolean captureStdout = stdout == ProcessBuilder.Redirect.PIPE;
    ProcessBuilder builder = builder(command);
    builder.redirectOutput(stdout);
    try {
      Process process = builder.start();
      Counter.builder(STARTED)
          .description("rclone processes started")
          .tag("verb", command.verb())
          .register(registry)
          .increment();
      process.getOutputStream().close();
      Set<String> secrets = new HashSet<>(command.secrets());
      secrets.addAll(proxy.secrets());
      return new RunningRclone(process, new Redactor(secrets), captureStdout, io);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start rclone", e);
    }
  }

  /**
   * Runs a short command (a listing, a check, a mkdir) to its end, at most {@code timeout}. A
   * command that overruns is stopped and reported with exit code -1.
   */
  public RcloneOutput run(RcloneCommand command, Duration timeout) {
    return toEnd(command, start(command, true), timeout);
  }

  /**
   * Runs a short command whose output may be long (a listing) to its end, at most {@code timeout},
   * writing its standard output into {@code stdoutFile}; the returned output's text is empty.
   */
  public RcloneOutput run(RcloneCommand command, Duration timeout, Path stdoutFile) {
    return toEnd(command, start(command, stdoutFile), timeout);
  }

  private RcloneOutput toEnd(RcloneCommand command, RunningRclone running, Duration timeout) {
    CompletableFuture<RcloneReport> report =
        CompletableFuture.supplyAsync(() -> running.await(progress -> {}), io);
    try {
      RcloneReport finished = report.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new RcloneOutput(running.stdout(), finished);
    } catch (TimeoutException e) {
      running.stop();
      String message =
          "rclone " + command.verb() + " did not finish within " + timeout.toSeconds() + " s";
      return new RcloneOutput(
          "", new RcloneReport(-1, RunStats.EMPTY, RunChanges.NONE, message, List.of(), timeout));
    } catch (ExecutionException e) {
      running.stop();
      throw new IllegalStateException("rclone " + command.verb() + " failed", e.getCause());
    } catch (InterruptedException e) {
      running.stop();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rclone ran", e);
    }
  }

  private ProcessBuilder builder(RcloneCommand command) {
    ProcessBuilder builder = new ProcessBuilder(command.arguments());
    // rclone sees only what it needs: never this service's own secrets.
    Map<String, String> environment = builder.environment();
    environment.clear();
    for (String inherited : INHERITED_ENVIRONMENT) {
      String value = System.getenv(inherited);
      if (value != null) {
        environment.put(inherited, value);
      }
    }
    environment.putAll(proxy.environment());
    environment.putAll(operatorEnvironment);
    environment.putAll(command.environment());
    return builder;
  }
}
