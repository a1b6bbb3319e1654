package io.syncplan.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rclones tests run on. A test JVM runs its rclone-dependent tests on one rclone, the one
 * {@value #UNDER_TEST} names (a path, or {@code rclone} for the one on the PATH, which is the
 * default): the build runs the executor's suite once on Debian's rclone and once on the newest one
 * the project fetches ({@code .ci/fetch-rclone.sh}), whose binary {@value #NEWEST} names. A server
 * that needs a newer rclone than the one under test ({@code rclone serve s3}) runs on the newest.
 */
public final class TestRclone {

  /** The binary of the rclone under test: a path, or a name looked up on the PATH. */
  public static final String UNDER_TEST = "syncplan.test.rclone";

  /** The binary of the newest rclone the project tests on, once fetched. */
  public static final String NEWEST = "syncplan.test.rclone.newest";

  /**
   * {@code true} in CI: an rclone that should be tested on but cannot run fails the tests instead
   * of skipping them, so that a build never passes having tested on one rclone only.
   */
  public static final String REQUIRED = "syncplan.test.rclone.required";

  private static final String FETCH_HINT = "run .ci/fetch-rclone.sh to fetch it";
  private static final Pattern VERSION = Pattern.compile("rclone v(\\d+)\\.(\\d+)\\.(\\d+)\\S*");
  private static final ConcurrentHashMap<String, Optional<Installed>> FOUND =
      new ConcurrentHashMap<>();

  private TestRclone() {}

  /**
   * An rclone that runs here.
   *
   * @param binary its path, or its name on the PATH
   * @param version as it names itself, for example {@code v1.60.1-DEV}
   */
  public record Installed(String binary, String version, int major, int minor) {

    public boolean isAtLeast(int major, int minor) {
      return this.major > major || (this.major == major && this.minor >= minor);
    }

    /** Its absolute path (a name is looked up on the PATH). */
    public Path path() {
      if (binary.contains("/")) {
        return Path.of(binary).toAbsolutePath();
      }
      for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
        Path candidate = Path.of(folder, binary);
        if (Files.isExecutable(candidate)) {
          return candidate.toAbsolutePath();
        }
      }
      throw new IllegalStateException(binary + " is not on the PATH");
    }

    @Override
    public String toString() {
      return "rclone " + version + " (" + binary + ")";
    }
  }

  /** The binary the tests of this JVM run on, as {@value #UNDER_TEST} names it. */
  public static String binaryName() {
    return System.getProperty(UNDER_TEST, "rclone");
  }

  /** The rclone under test, if it runs here. */
  public static Optional<Installed> underTest() {
    return find(binaryName());
  }

  /** The rclone under test; fails when it does not run here. */
  public static Installed require() {
    return underTest().orElseThrow(() -> new IllegalStateException(missing()));
  }

  /** The path of the rclone under test (or its name on the PATH). */
  public static String binary() {
    return require().binary();
  }

  /** The newest rclone the project tests on, if it has been fetched. */
  public static Optional<Installed> newest() {
    String newest = System.getProperty(NEWEST);
    return newest == null ? Optional.empty() : find(newest);
  }

  /** True when a missing rclone must fail the tests rather than skip them. */
  public static boolean required() {
    return Boolean.parseBoolean(System.getProperty(REQUIRED, "false"));
  }

  /** Why the rclone under test is not available, and what to do about it. */
  public static String missing() {
    String name = binaryName();
    boolean theNewest = name.equals(System.getProperty(NEWEST));
    return "rclone '"
        + name
        + "' does not run here"
        + (theNewest ? " (the newest rclone the project tests on; " + FETCH_HINT + ")" : "");
  }

  private static Optional<Installed> find(String binary) {
    return FOUND.computeIfAbsent(binary, TestRclone::probe);
  }

  private static Optional<Installed> probe(String binary) {
    if (binary.contains("/") && !Files.isExecutable(Path.of(binary))) {
      return Optional.empty();
    }
    try {
      Process process = new ProcessBuilder(binary, "version").redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return Optional.empty();
      }
      Matcher matcher = VERSION.matcher(output);
      if (!matcher.find()) {
        return Optional.empty();
      }
      return Optional.of(
          new Installed(
              binary,
              matcher.group().substring("rclone ".length()),
              Integer.parseInt(matcher.group(1)),
              Integer.parseInt(matcher.group(2))));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
