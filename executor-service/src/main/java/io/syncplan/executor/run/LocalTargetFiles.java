package io.syncplan.executor.run;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.run.RestoreRules;
import io.syncplan.contracts.run.RestoreSpec;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The names of what a whole revision copied into an empty local folder restored, read from the
 * folder by the executor itself instead of from a log line per file. rclone before 1.66 writes no
 * change reports, and its line per file makes a copy of many small files about a third slower. The
 * names are trusted only when they account exactly for what rclone says it did. Every file in the
 * folder must be one it copied, and it must have left none alone. Otherwise the restore's files are
 * counted, not named.
 */
final class LocalTargetFiles {

  /**
   * Characters that rclone writes into a local file name for one that the name cannot hold (the
   * local backend's encoding on Linux and its quoting), and the one Java reads an undecodable name
   * as. rclone's own lists name such a file differently from the folder, so a folder holding one is
   * not read.
   */
  private static final String STAND_INS = "\u2400\uFF0F\u201B\uFFFD";

  private LocalTargetFiles() {}

  /**
   * True when the restore's target can be read this way: a local folder, in a JVM that reads file
   * names as UTF-8, as rclone does. With another encoding (a POSIX locale, say) names outside ASCII
   * would come out wrong.
   */
  static boolean readable(RestoreSpec restore) {
    Endpoint endpoint = restore.target().endpoint();
    return endpoint != null && endpoint.isLocal() && namesAreUtf8();
  }

  private static boolean namesAreUtf8() {
    try {
      String encoding = System.getProperty("sun.jnu.encoding");
      return encoding != null && Charset.forName(encoding).equals(StandardCharsets.UTF_8);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
      return false;
    }
  }

  /**
   * The files in {@code folder} (a history folder at its top level left out), when they are exactly
   * what a copy into it did: {@code copied} files, none {@code leftAlone}, every one a regular file
   * whose name rclone writes as it is. Empty otherwise.
   */
  static Optional<FirstPaths> restored(Path folder, long copied, long leftAlone) {
    FirstPaths files = new FirstPaths();
    if (leftAlone != 0) {
      return Optional.empty();
    }
    if (Files.isDirectory(folder)) {
      Walk walk = new Walk(folder, files);
      try {
        Files.walkFileTree(folder, walk);
      } catch (IOException e) {
        return Optional.empty();
      }
      if (walk.unreadable) {
        return Optional.empty();
      }
    }
    return files.count() == copied ? Optional.of(files) : Optional.empty();
  }

  /** Collects the regular files below a folder; anything else makes the folder unreadable. */
  private static final class Walk extends SimpleFileVisitor<Path> {

    private final Path history;
    private final FirstPaths files;
    private final int prefix;
    private final String separator;
    private boolean unreadable;

    Walk(Path root, FirstPaths files) {
      this.history = root.resolve(RestoreRules.HISTORY_FOLDER);
      this.files = files;
      this.separator = root.getFileSystem().getSeparator();
      // the length of the root and its separator, which every path below it starts with
      this.prefix = history.toString().length() - RestoreRules.HISTORY_FOLDER.length();
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
      return dir.equals(history) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
      String path = relative(file);
      if (!attributes.isRegularFile() || path.chars().anyMatch(c -> STAND_INS.indexOf(c) >= 0)) {
        unreadable = true;
        return FileVisitResult.TERMINATE;
      }
      files.add(path);
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      unreadable = true;
      return FileVisitResult.TERMINATE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
      if (e != null) {
        unreadable = true;
        return FileVisitResult.TERMINATE;
      }
      return FileVisitResult.CONTINUE;
    }

    private String relative(Path file) {
      String path = file.toString().substring(prefix);
      return separator.equals("/") ? path : path.replace(separator, "/");
    }
  }
}
