package io.syncplan.executor.history;

import io.syncplan.executor.history.RestoreChoice.Version;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a restore does with each version it brings back, given what the target holds: a file the
 * target lacks is written; one it has is left alone unless the restore may overwrite, and even then
 * when it is the same file already, or newer than the version and the restore may not replace newer
 * files. Nothing is ever deleted.
 */
public final class TargetCheck {

  /** Modification times closer than this count as equal: storages keep them to the second. */
  static final Duration SAME_TIME = Duration.ofSeconds(1);

  /** What happens to one version. */
  public enum Outcome {
    /** The target lacks the file: it is written. */
    NEW,
    /** The target has another version: it is replaced (the old one kept in a history). */
    REPLACED,
    /** The target has the file and the restore may not overwrite: skipped. */
    EXISTS,
    /** The target has this very version already (size and time): skipped. */
    SAME,
    /** The target's file is newer and the restore may not replace newer files: skipped. */
    NEWER
  }

  private final boolean overwrite;
  private final boolean overwriteNewer;
  private final Map<String, Version> waiting = new HashMap<>();
  private final Map<Outcome, List<Version>> outcomes = new EnumMap<>(Outcome.class);

  public TargetCheck(List<Version> versions, boolean overwrite, boolean overwriteNewer) {
    this.overwrite = overwrite;
    this.overwriteNewer = overwriteNewer;
    for (Version version : versions) {
      waiting.put(version.path(), version);
    }
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome, new ArrayList<>());
    }
  }

  /** A file the target holds. */
  public void atTarget(ListedFile file) {
    Version version = waiting.remove(file.path());
    if (version != null) {
      outcomes.get(outcome(version, file)).add(version);
    }
  }

  private Outcome outcome(Version version, ListedFile there) {
    if (!overwrite) {
      return Outcome.EXISTS;
    }
    boolean sameTime =
        Duration.between(version.modifiedAt(), there.modifiedAt()).abs().compareTo(SAME_TIME) <= 0;
    if (sameTime && version.size() == there.size()) {
      return Outcome.SAME;
    }
    if (!overwriteNewer && there.modifiedAt().isAfter(version.modifiedAt().plus(SAME_TIME))) {
      return Outcome.NEWER;
    }
    return Outcome.REPLACED;
  }

  /** The versions with each outcome, once every file of the target was seen. */
  public Map<Outcome, List<Version>> outcomes() {
    outcomes.get(Outcome.NEW).addAll(waiting.values());
    waiting.clear();
    return outcomes;
  }
}
