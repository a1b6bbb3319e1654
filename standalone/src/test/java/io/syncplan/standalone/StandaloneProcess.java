package io.syncplan.standalone;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone stack as a user starts it: a JVM of its own running {@link Standalone}, on a data
 * directory, stopped by a real signal. {@link #kill()} is {@code kill -9}: no shutdown hook runs,
 * nothing is flushed, as in a power cut or an OOM kill.
 */
final class StandaloneProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  private static final Pattern API = Pattern.compile("API\\s+(http://\\S+)/api/v1");
  private static final Pattern KAFKA = Pattern.compile("Kafka\\s+(\\S+) \\(embedded\\)");

  private final Process process;
  private final Path log;
  private final String apiUrl;
  private final String kafka;

  private StandaloneProcess(Process process, Path log, String apiUrl, String kafka) {
    this.process = process;
    this.log = log;
    this.apiUrl = apiUrl;
    this.kafka = kafka;
  }

  /**
   * Starts the stack on the data directory and waits until it says it is running.
   *
   * @param systemProperties settings for the services inside, as {@code -D} options
   */
  static StandaloneProcess start(
      Path dataDir, String apiKey, Path log, Map<String, String> systemProperties) {
    Process process = launch(dataDir, apiKey, log, systemProperties);
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      String output = read(log);
      Matcher api = API.matcher(output);
      Matcher kafka = KAFKA.matcher(output);
      if (api.find() && kafka.find()) {
        return new StandaloneProcess(process, log, api.group(1), kafka.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the stack ended with exit code "
                + process.exitValue()
                + " before it ran:\n"
                + tail(log));
      }
      pause();
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "the stack did not start within " + START_TIMEOUT + ":\n" + tail(log));
  }

  /** How a start that should refuse ended: its exit code and everything it printed. */
  record Refusal(int exitCode, String output) {}

  /** Starts the stack expecting it to refuse, and waits until it has ended. */
  static Refusal startExpectingRefusal(Path dataDir, String apiKey, Path log) {
    Process process = launch(dataDir, apiKey, log, Map.of());
    try {
      if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the stack neither started nor refused:\n" + tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException(e);
    }
    return new Refusal(process.exitValue(), read(log));
  }

  private static Process launch(
      Path dataDir, String apiKey, Path log, Map<String, String> systemProperties) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    // the stack's own JVM options, as the README's command passes them (tests run in this module)
    command.add("@" + Path.of("jvm.options").toAbsolutePath());
    systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
    command.add("-cp");
    command.add(classPath());
    command.add(Standalone.class.getName());
    command.add("--syncplan.data-dir=" + dataDir);
    command.add("--syncplan.host=127.0.0.1");
    command.add("--syncplan.api-port=0");
    command.add("--syncplan.kafka-port=0");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_"));
    builder.environment().put("SYNCPLAN_BOOTSTRAP_API_KEY", apiKey);
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  String apiUrl() {
    return apiUrl;
  }

  String kafkaBootstrapServers() {
    return kafka;
  }

  long pid() {
    return process.pid();
  }

  /** {@code kill -9}, and waits until the process is gone. */
  void kill() {
    process.destroyForcibly();
    await();
  }

  /** SIGTERM, as Ctrl-C or a container stop: the stack shuts down in order. */
  void stop() {
    process.destroy();
    await();
  }

  private void await() {
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String output() {
    return read(log);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  /** The class path of this test run, which holds the stack and everything it needs. */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path")
            .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(Path log) {
    List<String> lines = read(log).lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
