package io.syncplan.contracts.run;

import java.time.Instant;

/**
 * A file changed on both sides of a BISYNC plan since its last run, and how it was resolved: the
 * newer version won on both sides, and the other was kept in the loser's history folder.
 *
 * @param path the file, relative to both sides
 * @param path1ModifiedAt the modification time of the version on the plan's source (path1)
 * @param path1Size its size in bytes
 * @param path2ModifiedAt the modification time of the version on the plan's destination (path2)
 * @param path2Size its size in bytes
 * @param winner {@code PATH1} or {@code PATH2}: whose version both sides now hold; null when both
 *     versions have the same modification time, so neither is newer, and both are kept beside each
 *     other under other names
 * @param loserKeptAt where the other version is now, relative to the loser's side (in {@code
 *     .syncplan/revisions/<run start>/}), or the names both versions were given when neither won
 */
public record BisyncConflict(
    String path,
    Instant path1ModifiedAt,
    long path1Size,
    Instant path2ModifiedAt,
    long path2Size,
    String winner,
    String loserKeptAt) {

  public static final String PATH1 = "PATH1";
  public static final String PATH2 = "PATH2";
}
