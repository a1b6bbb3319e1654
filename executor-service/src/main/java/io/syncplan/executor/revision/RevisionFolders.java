package io.syncplan.executor.revision;

import io.syncplan.executor.rclone.FilterRules;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The revision history of a MIRROR_WITH_REVISIONS plan: one folder per run under {@code
 * <destination>/.syncplan/revisions/}, named for the time the run started (UTC, sortable, no
 * characters a storage might refuse), holding the versions that run replaced or deleted at their
 * paths. The mirror itself excludes {@code .syncplan}.
 */
public final class RevisionFolders {

  /** Where the history lives, relative to the destination. */
  public static final String ROOT = FilterRules.SYNCPLAN_FOLDER + "/revisions";

  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private RevisionFolders() {}

  /** The folder name for a run that started at {@code runStart}. */
  public static String name(Instant runStart) {
    return NAME.format(runStart);
  }

  /** When the run of a folder started; empty for a folder syncplan did not name. */
  public static Optional<Instant> parse(String name) {
    try {
      return Optional.of(Instant.from(NAME.parse(name)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
