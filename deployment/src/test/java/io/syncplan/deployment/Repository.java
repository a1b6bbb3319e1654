package io.syncplan.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The files a platform team deploys from, read as they would be. */
final class Repository {

  static final Path ROOT =
      Path.of(System.getProperty("syncplan.repository", "..")).toAbsolutePath().normalize();

  /** The modules that are services, each with its own image. */
  static final List<String> SERVICES =
      List.of("plan-service", "scheduler-service", "executor-service", "notification-service");

  private Repository() {}

  static String read(String relativePath) {
    try {
      return Files.readString(ROOT.resolve(relativePath));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String relativePath) {
    return (Map<String, Object>) new Yaml().load(read(relativePath));
  }

  /** Every document of a multi-document YAML text. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> documents(String yaml) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml().loadAll(yaml)) {
      if (document != null) {
        documents.add((Map<String, Object>) document);
      }
    }
    return documents;
  }

  /** The directories under k8s/ that kustomize can render. */
  static List<String> kustomizations() {
    try (Stream<Path> files = Files.walk(ROOT.resolve("k8s"))) {
      return files
          .filter(file -> file.getFileName().toString().equals("kustomization.yaml"))
          .map(file -> ROOT.relativize(file.getParent()).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The output of a command run in the repository, or an exception saying why it failed. */
  static String run(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A duration as Spring Boot and Docker Compose write it ({@code 5m}, {@code 320s}, {@code 500ms})
   * or as ISO-8601 ({@code PT5M}).
   */
  static java.time.Duration duration(String text) {
    java.util.regex.Matcher simple =
        java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(text.strip());
    if (!simple.matches()) {
      return java.time.Duration.parse(text.strip());
    }
    long amount = Long.parseLong(simple.group(1));
    return switch (simple.group(2)) {
      case "ms" -> java.time.Duration.ofMillis(amount);
      case "s" -> java.time.Duration.ofSeconds(amount);
      case "m" -> java.time.Duration.ofMinutes(amount);
      case "h" -> java.time.Duration.ofHours(amount);
      default -> java.time.Duration.ofDays(amount);
    };
  }

  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(java.io.File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }
}
