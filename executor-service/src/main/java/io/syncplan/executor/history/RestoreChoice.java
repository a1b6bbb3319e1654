package io.syncplan.executor.history;

import io.syncplan.contracts.revision.RevisionFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which version of each path a restore brings back. Without an instant: the version offered, the
 * destination's current one or a revision's. As of an instant: the version that was current then,
 * which is the one kept in the oldest revision made after it (a run replaced or deleted it after
 * that instant), else the destination's current one, in either case only if it was not modified
 * after the instant (a version modified later was not there yet). Revisions are offered before the
 * current files.
 */
public final class RestoreChoice {

  /** Where a version is read from: the destination's current files, or a revision folder. */
  public record Origin(String revision, RevisionFile.Side side) {

    public static final Origin CURRENT = new Origin(null, RevisionFile.Side.DESTINATION);

    public boolean isCurrent() {
      return revision == null;
    }
  }

  /** A version of a path, and where it is read from. */
  public record Version(String path, long size, Instant modifiedAt, Origin origin) {}

  private record Kept(Version version, Instant madeAt) {}

  private final Instant asOf;
  private final Map<String, Kept> chosen = new HashMap<>();

  /**
   * @param asOf the instant to restore as of, or null for the versions offered as they are
   */
  public RestoreChoice(Instant asOf) {
    this.asOf = asOf;
  }

  /** A version kept in the revision folder {@code revision}, made at {@code madeAt}. */
  public void offerKept(ListedFile file, String revision, Instant madeAt, RevisionFile.Side side) {
    if (asOf != null && !madeAt.isAfter(asOf)) {
      // replaced before the instant: something newer was current then
      return;
    }
    Kept before = chosen.get(file.path());
    if (before == null || (asOf != null && madeAt.isBefore(before.madeAt()))) {
      chosen.put(
          file.path(),
          new Kept(
              new Version(file.path(), file.size(), file.modifiedAt(), new Origin(revision, side)),
              madeAt));
    }
  }

  /** A file the destination holds now; used when no revision made after the instant holds it. */
  public void offerCurrent(ListedFile file) {
    chosen.putIfAbsent(
        file.path(),
        new Kept(new Version(file.path(), file.size(), file.modifiedAt(), Origin.CURRENT), null));
  }

  /** The versions to bring back. */
  public List<Version> versions() {
    List<Version> versions = new ArrayList<>(chosen.size());
    for (Kept kept : chosen.values()) {
      Version version = kept.version();
      if (asOf == null || !version.modifiedAt().isAfter(asOf)) {
        versions.add(version);
      }
    }
    return versions;
  }
}
