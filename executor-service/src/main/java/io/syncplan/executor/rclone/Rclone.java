package io.syncplan.executor.rclone;

import io.syncplan.executor.config.ExecutorProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The installed rclone: found and its version read when the executor starts, which refuses to start
 * without it. rclone is always given an empty config file of its own, so that nothing in a user's
 * rclone.conf changes what a plan does.
 */
@Component
public class Rclone {

  private static final Logger log = LoggerFactory.getLogger(Rclone.class);
  static final String INSTALL_HINT =
      "rclone is required to run sync plans but was not found (looked for '%s'). Install it with"
          + " 'sudo apt-get install rclone' (Debian, Ubuntu), 'brew install rclone' (macOS) or from"
          + " https://rclone.org/install/, or set SYNCPLAN_EXECUTOR_RCLONE to its path.";

  private final String binary;
  private final RcloneVersion version;
  private final Path emptyConfig;

  Rclone(ExecutorProperties properties) {
    this.binary = properties.rclone();
    this.version = detectVersion(binary);
    this.emptyConfig = emptyConfig(properties.workDir());
    log.info("Using {} ({})", version.text(), binary);
  }

  public String binary() {
    return binary;
  }

  public RcloneVersion version() {
    return version;
  }

  /** An empty rclone config file: remotes come only from environment variables. */
  public Path emptyConfig() {
    return emptyConfig;
  }

  private static RcloneVersion detectVersion(String binary) {
    try {
      Process process = new ProcessBuilder(binary, "version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.format(INSTALL_HINT, binary));
      }
      return RcloneVersion.parse(output);
    } catch (IOException e) {
      throw new IllegalStateException(String.format(INSTALL_HINT, binary), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking rclone", e);
    }
  }

  private static Path emptyConfig(Path workDir) {
    try {
      Files.createDirectories(workDir);
      Path config = workDir.resolve("rclone.conf");
      Files.writeString(config, "");
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the work directory " + workDir, e);
    }
  }
}
