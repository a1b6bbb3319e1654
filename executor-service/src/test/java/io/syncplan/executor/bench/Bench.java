package io.syncplan.executor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Small helpers the benchmarks share: timing rclone, medians, free ports, files. */
final class Bench {

  private Bench() {}

  /**
   * Where a benchmark writes its trees: under {@code syncplan.bench.work} when set (for example a
   * tmpfs, so that the disk's write-back does not decide the figures), else under the temporary
   * folder. The stack's store stays on the disk: see {@link #storeFolder}.
   */
  static Path trees(String name) {
    String work = System.getProperty("syncplan.bench.work");
    return work == null ? storeFolder(name) : Path.of(work, name);
  }

  /**
   * The standalone stack's JVM options as the README's start command passes them: the argument file
   * {@code standalone/jvm.options}, for {@code java <this> -jar standalone-…-exec.jar} run from the
   * repository root (as every script in {@code bench/} is).
   */
  static String standaloneJvmOptions() {
    return "@" + Path.of("standalone", "jvm.options").toAbsolutePath();
  }

  /** A folder under the temporary folder, on the disk, for the stack's data. */
  static Path storeFolder(String name) {
    return Path.of(System.getProperty("java.io.tmpdir"), name);
  }

  /**
   * Starts a measurement with no dirty pages: what the one before it wrote would otherwise be
   * written back during it, and the second of each pair would pay for the first.
   */
  static void flushDirtyPages() {
    try {
      if (new ProcessBuilder("sync").inheritIO().start().waitFor() != 0) {
        throw new IllegalStateException("sync failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs rclone with these arguments and returns its wall-clock time; fails if rclone fails. */
  static Duration rclone(String... args) {
    List<String> command = new ArrayList<>();
    command.add("rclone");
    Collections.addAll(command, args);
    flushDirtyPages();
    try {
      long start = System.nanoTime();
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("rclone " + String.join(" ", args) + " failed");
      }
      return Duration.ofNanos(System.nanoTime() - start);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Duration median(List<Duration> values) {
    List<Duration> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1
        ? sorted.get(n / 2)
        : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
  }

  static String ms(Duration duration) {
    return String.format("%.0f ms", duration.toNanos() / 1e6);
  }

  static String seconds(Duration duration) {
    return String.format("%.2f s", duration.toNanos() / 1e9);
  }

  static String all(List<Duration> values) {
    return values.stream().map(Bench::ms).toList().toString();
  }

  /** A base port with {@code count} free ports from it. */
  static int freePorts(int count) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 20_000 + (int) (Math.random() * 20_000);
      boolean free = true;
      for (int i = 0; i < count && free; i++) {
        try (ServerSocket socket = new ServerSocket(base + i)) {
          socket.setReuseAddress(true);
        } catch (IOException taken) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no free ports");
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long fileCount(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until a log file shows a line, or the process died. */
  static void awaitLog(Process process, Path log, String line, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
          return;
        }
        if (!process.isAlive()) {
          throw new IllegalStateException("the process exited; see " + log);
        }
        Thread.sleep(200);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException("'" + line + "' did not appear in " + log);
  }

  /** Resident set size of a process, from /proc; 0 once it is gone. */
  static long rss(ProcessHandle process) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | UncheckedIOException gone) {
      return 0;
    }
    return 0;
  }

  /** Bare {@code rclone sync}, as a user would run it, after {@link #flushDirtyPages}; ms. */
  static double bareSync(String rclone, Path source, Path destination, Duration timeout) {
    flushDirtyPages();
    try {
      long start = System.nanoTime();
      Process process =
          new ProcessBuilder(rclone, "sync", source.toString(), destination.toString())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("bare rclone sync failed");
      }
      return (System.nanoTime() - start) / 1e6;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Prints interleaved pairs of {stack ms, bare ms} as a table with each pair's ratio, then the
   * median of the paired ratios with min and max.
   */
  static void pairTable(String title, List<double[]> pairs, boolean inSeconds) {
    System.out.printf("%n## %s, %d interleaved pairs%n%n", title, pairs.size());
    System.out.println("| pair | stack (run-now to end of SSE) | bare `rclone sync` | ratio |");
    System.out.println("|---|---|---|---|");
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      double[] pair = pairs.get(i);
      ratios.add(pair[0] / pair[1]);
      System.out.printf(
          inSeconds ? "| %d | %.1f s | %.1f s | %.2f |%n" : "| %d | %.0f ms | %.0f ms | %.2f |%n",
          i + 1,
          inSeconds ? pair[0] / 1e3 : pair[0],
          inSeconds ? pair[1] / 1e3 : pair[1],
          pair[0] / pair[1]);
    }
    Collections.sort(ratios);
    int n = ratios.size();
    double median =
        n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
    System.out.printf(
        "%nMedian of paired ratios **%.2f** (min %.2f, max %.2f)%n",
        median, ratios.get(0), ratios.get(n - 1));
  }
}
