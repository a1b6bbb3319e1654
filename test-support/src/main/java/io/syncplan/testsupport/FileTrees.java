package io.syncplan.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Real folders of real files for sync tests, and exact comparisons of them. */
public final class FileTrees {

  private FileTrees() {}

  /**
   * Writes {@code files} files of 1 to {@code maxBytes} random bytes into nested folders (up to
   * three levels deep), the same tree for the same seed.
   */
  public static void write(Path root, int files, int maxBytes, long seed) {
    Random random = new Random(seed);
    try {
      for (int i = 0; i < files; i++) {
        Path dir = root;
        int depth = random.nextInt(4);
        for (int d = 0; d < depth; d++) {
          dir = dir.resolve("dir-" + d + "-" + random.nextInt(8));
        }
        Files.createDirectories(dir);
        byte[] content = new byte[1 + random.nextInt(maxBytes)];
        random.nextBytes(content);
        Files.write(dir.resolve("file-" + i + ".bin"), content);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one file, creating its folders. */
  public static Path writeFile(Path root, String relativePath, String content) {
    try {
      Path file = root.resolve(relativePath);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every regular file under {@code root}, by path relative to it, with its size and SHA-256: two
   * trees are equal in names, sizes and contents exactly when their snapshots are equal.
   */
  public static SortedMap<String, String> snapshot(Path root) {
    return snapshot(root, null);
  }

  /** As {@link #snapshot(Path)}, leaving out everything under {@code excludedTopFolder}. */
  public static SortedMap<String, String> snapshot(Path root, String excludedTopFolder) {
    SortedMap<String, String> files = new TreeMap<>();
    if (!Files.exists(root)) {
      return files;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .filter(Files::isRegularFile)
          .forEach(
              file -> {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (excludedTopFolder == null || !relative.startsWith(excludedTopFolder + "/")) {
                  files.put(relative, size(file) + ":" + sha256(file));
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Number of regular files under {@code root}. */
  public static int count(Path root) {
    return snapshot(root).size();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The entries of {@code after} that differ from {@code before}, for readable failures. */
  public static Map<String, String> difference(
      SortedMap<String, String> before, SortedMap<String, String> after) {
    SortedMap<String, String> diff = new TreeMap<>();
    before.forEach(
        (path, hash) -> {
          if (!hash.equals(after.get(path))) {
            diff.put(path, after.containsKey(path) ? "changed" : "missing");
          }
        });
    after.keySet().stream()
        .filter(path -> !before.containsKey(path))
        .forEach(path -> diff.put(path, "added"));
    return diff;
  }
}
