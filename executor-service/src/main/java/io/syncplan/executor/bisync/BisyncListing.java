package io.syncplan.executor.bisync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One of bisync's listing files ({@code <path1>..<path2>.path1.lst}): one line per file, {@code -
 * <size> <hash> <id> <modification time> "<path>"}, the path quoted as Go quotes strings. The
 * executor reads the sizes and times of a conflict's two versions from it, and, where it resolves a
 * conflict itself (rclone before 1.66), writes it back as if bisync had synced the winner.
 */
final class BisyncListing {

  /** A file as the listing has it. */
  record Entry(long size, Instant modified) {}

  private static final Pattern LINE =
      Pattern.compile("^\\S\\s+(-?\\d+)\\s+\\S+\\s+\\S+\\s+(\\S+)\\s+(\".*\")$");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSSSSS]Z");

  private final Path file;
  private final List<String> lines;

  private BisyncListing(Path file, List<String> lines) {
    this.file = file;
    this.lines = lines;
  }

  /** The listing of a side ({@code 1} or {@code 2}) in bisync's work folder. */
  static BisyncListing of(Path workdir, int side) {
    String suffix = ".path" + side + ".lst";
    try (Stream<Path> files = Files.list(workdir)) {
      Path file =
          files
              .filter(path -> path.getFileName().toString().endsWith(suffix))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no bisync listing *" + suffix));
      return new BisyncListing(
          file, new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bisync's listing in " + workdir, e);
    }
  }

  /** The listed files among {@code names}, by name. */
  Map<String, Entry> find(List<String> names) {
    Map<String, Entry> found = new HashMap<>();
    for (String line : lines) {
      Matcher matcher = LINE.matcher(line);
      if (matcher.matches()) {
        String name = GoQuote.unquote(matcher.group(3));
        if (names.contains(name)) {
          found.put(
              name,
              new Entry(
                  Long.parseLong(matcher.group(1)),
                  OffsetDateTime.parse(matcher.group(2), TIME).toInstant()));
        }
      }
    }
    return found;
  }

  /** Lists the file {@code from} under the name {@code to} instead, as a rename would. */
  void rename(String from, String to) {
    for (int i = 0; i < lines.size(); i++) {
      Matcher matcher = LINE.matcher(lines.get(i));
      if (matcher.matches() && GoQuote.unquote(matcher.group(3)).equals(from)) {
        String line = lines.get(i);
        lines.set(
            i, line.substring(0, line.length() - matcher.group(3).length()) + GoQuote.quote(to));
      }
    }
  }

  void remove(String name) {
    lines.removeIf(
        line -> {
          Matcher matcher = LINE.matcher(line);
          return matcher.matches() && GoQuote.unquote(matcher.group(3)).equals(name);
        });
  }

  void save() {
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write bisync's listing " + file, e);
    }
  }
}
