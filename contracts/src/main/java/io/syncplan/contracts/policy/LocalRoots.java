package io.syncplan.contracts.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The folders of a machine that plans may read and write: every local source, destination and local
 * storage path must lie inside one of them. Paths are absolute and hold no {@code ..}. On the
 * machine itself ({@link #realProblem}) a path is followed through its symbolic links first, so a
 * link inside a root that points outside it does not count as inside.
 */
public final class LocalRoots {

  private final List<Path> roots;
  private final String setting;

  /**
   * @param roots absolute folders
   * @param setting the setting that configures them, named in every refusal
   */
  public LocalRoots(Collection<String> roots, String setting) {
    List<Path> paths = new ArrayList<>();
    for (String root : roots == null ? List.<String>of() : roots) {
      if (root == null || root.isBlank()) {
        continue;
      }
      Path path = Path.of(root.strip());
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException(setting + ": not an absolute path: " + root);
      }
      paths.add(path.normalize());
    }
    this.roots = List.copyOf(paths);
    this.setting = setting;
  }

  public List<Path> roots() {
    return roots;
  }

  public boolean isEmpty() {
    return roots.isEmpty();
  }

  /** Why the path is not a well-formed absolute local path, or null when it is. */
  public static String formProblem(String path) {
    if (path == null || path.isBlank()) {
      return "must not be empty";
    }
    if (!path.startsWith("/")) {
      return "must be an absolute path (start with '/')";
    }
    for (String segment : path.split("/")) {
      if (segment.equals("..")) {
        return "must not contain '..'";
      }
    }
    try {
      Path.of(path);
    } catch (InvalidPathException e) {
      return "is not a path: " + e.getReason();
    }
    return null;
  }

  /** Why the path is not inside a root, judged by its text alone; null when it is. */
  public String problem(String path) {
    String form = formProblem(path);
    if (form != null) {
      return form;
    }
    return inside(Path.of(path).normalize(), roots) ? null : outside();
  }

  /**
   * Why the path, followed through its symbolic links on this machine, is not inside a real root;
   * null when it is. The part of the path that does not exist yet is taken as written.
   */
  public String realProblem(String path) {
    String form = formProblem(path);
    if (form != null) {
      return form;
    }
    try {
      return inside(real(Path.of(path)), realRoots()) ? null : outside();
    } catch (IOException e) {
      return "cannot be followed to where it leads: " + e.getMessage();
    }
  }

  /**
   * Why everything under the path may not be removed: it is not inside a root, or it is a root or a
   * folder above one. Null when it may.
   */
  public String purgeProblem(String path) {
    String problem = realProblem(path);
    if (problem != null) {
      return problem;
    }
    try {
      Path real = real(Path.of(path));
      for (Path root : realRoots()) {
        if (root.startsWith(real)) {
          return "is "
              + (root.equals(real) ? "" : "above ")
              + "the local root "
              + root
              + "; a root is never removed as a whole";
        }
      }
      return null;
    } catch (IOException e) {
      return "cannot be followed to where it leads: " + e.getMessage();
    }
  }

  /** The roots as a refusal names them. */
  public String describe() {
    return roots.isEmpty()
        ? "none (" + setting + " is empty)"
        : roots.stream().map(Path::toString).collect(Collectors.joining(", "));
  }

  private String outside() {
    return roots.isEmpty()
        ? "is a local path, and no local roots are configured here (" + setting + ")"
        : "is outside the local roots (" + describe() + "; " + setting + ")";
  }

  private List<Path> realRoots() throws IOException {
    List<Path> real = new ArrayList<>();
    for (Path root : roots) {
      real.add(real(root));
    }
    return real;
  }

  private static boolean inside(Path path, List<Path> roots) {
    return roots.stream().anyMatch(path::startsWith);
  }

  /** The path with every symbolic link of its existing part followed. */
  private static Path real(Path path) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
  }
}
