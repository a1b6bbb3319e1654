package io.syncplan.executor.rclone;

import io.syncplan.executor.config.ExecutorProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The installed rclone: found and its version read when the executor starts, which refuses to start
 * without it or on one older than {@link RcloneVersion#OLDEST_SUPPORTED}. rclone is always given an
 * empty config file of its own, so that nothing in a user's rclone.conf changes what a plan does.
 * Which backend options are passwords (and so must be handed over in rclone's obscured form) is
 * read from the installed rclone itself.
 */
@Component
public class Rclone {

  private static final Logger log = LoggerFactory.getLogger(Rclone.class);
  static final String INSTALL_HINT =
      "rclone is required to run sync plans but was not found (looked for '%s'). Install it with"
          + " 'sudo apt-get install rclone' (Debian, Ubuntu), 'brew install rclone' (macOS) or from"
          + " https://rclone.org/install/, or set SYNCPLAN_EXECUTOR_RCLONE to its path.";

  /** Password options of the common backends, used if rclone cannot list its own. */
  private static final Set<String> FALLBACK_PASSWORD_OPTIONS =
      Set.of("pass", "password", "password2", "key_file_pass");

  private final String binary;
  private final RcloneVersion version;
  private final Path emptyConfig;
  private final Map<String, Set<String>> passwordOptions;

  public Rclone(ExecutorProperties properties) {
    this.binary = properties.rclone();
    this.version = RcloneVersion.parse(run(binary, "version")).requireSupported(binary);
    this.emptyConfig = emptyConfig(properties.workDir());
    this.passwordOptions = passwordOptions(binary);
    log.info("Using {} ({})", version.text(), binary);
  }

  public String binary() {
    return binary;
  }

  /** The version read at start. */
  public RcloneVersion version() {
    return version;
  }

  /**
   * Runs {@code rclone version} now: the version, or an exception saying why rclone cannot run (the
   * binary was removed, is no longer executable, or hangs).
   */
  public RcloneVersion probe() {
    return RcloneVersion.parse(run(binary, "version"));
  }

  /** An empty rclone config file: remotes come only from environment variables. */
  public Path emptyConfig() {
    return emptyConfig;
  }

  /** True when the backend's option holds a password, which rclone takes obscured. */
  public boolean isPasswordOption(String backend, String option) {
    Set<String> options = passwordOptions.get(backend);
    return options == null ? FALLBACK_PASSWORD_OPTIONS.contains(option) : options.contains(option);
  }

  private static String run(String binary, String... args) {
    try {
      String[] command = new String[args.length + 1];
      command[0] = binary;
      System.arraycopy(args, 0, command, 1, args.length);
      Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.format(INSTALL_HINT, binary));
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(String.format(INSTALL_HINT, binary), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking rclone", e);
    }
  }

  private static Map<String, Set<String>> passwordOptions(String binary) {
    Map<String, Set<String>> byBackend = new HashMap<>();
    try {
      JsonNode providers =
          JsonMapper.builder().build().readTree(run(binary, "config", "providers"));
      for (JsonNode provider : providers) {
        Set<String> passwords = new HashSet<>();
        for (JsonNode option : provider.path("Options")) {
          if (option.path("IsPassword").asBoolean(false)) {
            passwords.add(option.path("Name").asString());
          }
        }
        byBackend.put(provider.path("Name").asString(), Set.copyOf(passwords));
      }
    } catch (RuntimeException e) {
      log.warn(
          "Could not list rclone's backends ({}); assuming the usual password options",
          e.toString());
    }
    return Map.copyOf(byBackend);
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
