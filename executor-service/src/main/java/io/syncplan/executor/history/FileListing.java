package io.syncplan.executor.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what {@code rclone lsjson} wrote into a file, one entry at a time: rclone writes each entry
 * on a line of its own (names with line breaks are escaped in JSON), so a listing of a million
 * files never has to be held in memory.
 */
public final class FileListing {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private FileListing() {}

  /** Hands every file of the listing to {@code each}, its path behind {@code prefix}. */
  public static void read(Path listing, String prefix, Consumer<ListedFile> each) {
    try (BufferedReader reader = Files.newBufferedReader(listing, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        ListedFile file = entry(line, prefix);
        if (file != null) {
          each.accept(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rclone's listing " + listing, e);
    }
  }

  /**
   * True when the listing names an entry, a file or a folder, other than {@code leftOut}; reads it
   * only as far as the first such entry.
   */
  public static boolean namesAnythingBut(Path listing, String leftOut) {
    try (BufferedReader reader = Files.newBufferedReader(listing, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        JsonNode node = node(line);
        if (node != null && !leftOut.equals(node.path("Path").asString())) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rclone's listing " + listing, e);
    }
  }

  /** The file a line of the listing names, or null for the brackets and folders. */
  static ListedFile entry(String line, String prefix) {
    JsonNode node = node(line);
    if (node == null || node.path("IsDir").asBoolean(false)) {
      return null;
    }
    String path = node.path("Path").asString();
    return new ListedFile(
        prefix.isEmpty() ? path : prefix + "/" + path,
        node.path("Size").asLong(0),
        time(node.path("ModTime").asString()));
  }

  /** The entry a line of the listing holds, or null for the brackets. */
  private static JsonNode node(String line) {
    String trimmed = line.strip();
    String entry = trimmed.endsWith(",") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    try {
      return entry.startsWith("{") ? JSON.readTree(entry) : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  static Instant time(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
