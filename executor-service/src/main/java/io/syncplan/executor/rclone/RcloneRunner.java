package io.syncplan.executor.rclone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Runs rclone as a child process from an argument list (never through a shell), reads its JSON log
 * as it comes and reports progress. Blocks the calling thread until rclone exits: call it from a
 * run's own worker thread.
 */
@Component
public class RcloneRunner {

  private static final java.util.List<String> INHERITED_ENVIRONMENT =
      java.util.List.of("PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TZ");

  /** A started rclone; {@link #await} reads its log to the end and returns the report. */
  public static final class RunningRclone {
    private final Process process;

    private RunningRclone(Process process) {
      this.process = process;
    }

    public RcloneReport await(Consumer<RcloneProgress> onProgress) {
      RcloneLogParser parser = new RcloneLogParser();
      try (BufferedReader log =
          new BufferedReader(
              new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = log.readLine(); line != null; line = log.readLine()) {
          parser.accept(line).ifPresent(onProgress);
        }
        return parser.finish(process.waitFor());
      } catch (IOException e) {
        throw new UncheckedIOException("lost rclone's log", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop();
        throw new IllegalStateException("interrupted while rclone ran", e);
      }
    }

    /** Stops rclone and every process it started. */
    public void stop() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }

    public boolean isAlive() {
      return process.isAlive();
    }
  }

  public RunningRclone start(RcloneCommand command) {
    ProcessBuilder builder =
        new ProcessBuilder(command.arguments()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    // rclone sees only what it needs: never this service's own secrets.
    builder.environment().clear();
    for (String inherited : INHERITED_ENVIRONMENT) {
      String value = System.getenv(inherited);
      if (value != null) {
        builder.environment().put(inherited, value);
      }
    }
    builder.environment().putAll(command.environment());
    try {
      return new RunningRclone(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start rclone", e);
    }
  }
}
