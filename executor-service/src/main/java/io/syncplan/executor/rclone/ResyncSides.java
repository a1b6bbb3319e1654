package io.syncplan.executor.rclone;

import io.syncplan.contracts.run.ResyncChanges;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which way each file of a bisync resync went, from the sections of its log: a resync first copies
 * to path1 what path2 has ({@code Copying unique Path2 files to Path1} on rclone 1.60, {@code -
 * Path2 Resync is copying files to - Path1} on 1.66 and later), then to path2 what path1 has
 * ({@code Resynching Path1 to Path2}, {@code - Path1 Resync is copying files to - Path2}); rclone
 * finishes one before it starts the next.
 */
final class ResyncSides {

  private static final Pattern SECTION =
      Pattern.compile(
          "Copying (?:unique )?Path[12] files to Path([12])"
              + "|Resynching Path[12] to Path([12])"
              + "|Resync is copying files to\\s+-\\s+Path([12])");

  private final PathList addedTo1 = new PathList();
  private final PathList replacedOn1 = new PathList();
  private final PathList addedTo2 = new PathList();
  private final PathList replacedOn2 = new PathList();

  /** The side files are being copied to now: 1, 2, or 0 outside a resync. */
  private int side;

  /** Takes a log message without a file: it may open a section. */
  void message(String msg) {
    Matcher matcher = SECTION.matcher(msg);
    if (matcher.find()) {
      for (int group = 1; group <= matcher.groupCount(); group++) {
        if (matcher.group(group) != null) {
          side = Integer.parseInt(matcher.group(group));
        }
      }
    }
  }

  /** True within a resync. */
  boolean active() {
    return side != 0;
  }

  void added(String path) {
    if (side != 0) {
      (side == 1 ? addedTo1 : addedTo2).add(path);
    }
  }

  /**
   * A file whose version on the side being copied to was replaced. A preview lists a file whose two
   * versions have the same time in both sections: the first, which a real resync carries out, is
   * the one that counts.
   */
  void replaced(String path) {
    if (side == 2 && replacedOn1.paths().contains(path)) {
      return;
    }
    if (side != 0) {
      PathList added = side == 1 ? addedTo1 : addedTo2;
      added.remove(path);
      (side == 1 ? replacedOn1 : replacedOn2).add(path);
    }
  }

  long omitted() {
    return addedTo1.omitted() + replacedOn1.omitted() + addedTo2.omitted() + replacedOn2.omitted();
  }

  /** What the resync copied each way; null for a run that was no resync. */
  ResyncChanges changes() {
    return side == 0
        ? null
        : new ResyncChanges(
            addedTo1.paths(), replacedOn1.paths(), addedTo2.paths(), replacedOn2.paths());
  }
}
