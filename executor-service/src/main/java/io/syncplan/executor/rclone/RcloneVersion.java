package io.syncplan.executor.rclone;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of the installed rclone, to use a flag only where it exists. The executor knows two
 * generations: rclone 1.60 to 1.65 (Debian 12's 1.60.1 is the oldest supported) and rclone 1.66 or
 * later, whose bisync resolves conflicts and recovers by itself and whose sync reports its changes
 * in files ({@link ChangeReports}). Both are tested (docs/executor.md, "rclone versions").
 */
public record RcloneVersion(int major, int minor, int patch, String text) {

  /** The oldest rclone the executor runs on: older ones lack bisync's safety checks it needs. */
  public static final RcloneVersion OLDEST_SUPPORTED = new RcloneVersion(1, 60, 0, "v1.60.0");

  private static final Pattern VERSION = Pattern.compile("rclone v(\\d+)\\.(\\d+)\\.(\\d+)\\S*");

  /** Reads the first line of {@code rclone version}. */
  public static RcloneVersion parse(String output) {
    Matcher matcher = VERSION.matcher(output);
    if (!matcher.find()) {
      throw new IllegalArgumentException("not rclone version output: " + output);
    }
    return new RcloneVersion(
        Integer.parseInt(matcher.group(1)),
        Integer.parseInt(matcher.group(2)),
        Integer.parseInt(matcher.group(3)),
        matcher.group().substring("rclone ".length()));
  }

  public boolean isAtLeast(int major, int minor) {
    return this.major > major || (this.major == major && this.minor >= minor);
  }

  /**
   * The executor refuses to start on an rclone older than {@link #OLDEST_SUPPORTED}.
   *
   * @throws IllegalStateException naming both versions and the binary
   */
  public RcloneVersion requireSupported(String binary) {
    if (!isAtLeast(OLDEST_SUPPORTED.major(), OLDEST_SUPPORTED.minor())) {
      throw new IllegalStateException(
          String.format(
              "rclone %s ('%s') is older than %s, the oldest rclone syncplan supports. Install"
                  + " rclone %s or later (https://rclone.org/install/), or set"
                  + " SYNCPLAN_EXECUTOR_RCLONE to a newer one.",
              text, binary, OLDEST_SUPPORTED.text(), OLDEST_SUPPORTED.text()));
    }
    return this;
  }

  /**
   * rclone 1.66 or later: bisync's {@code --conflict-resolve}, {@code --conflict-loser}, {@code
   * --backup-dir1/2}, {@code --resilient}, {@code --recover}, {@code --max-lock}, {@code
   * --resync-mode} and {@code --create-empty-src-dirs}, and sync's and copy's change reports (the
   * family of {@code --combined}). Before it, the executor resolves bisync's conflicts and keeps
   * the older versions of a resync itself, and reads the changes from rclone's log only.
   */
  public boolean isModern() {
    return isAtLeast(1, 66);
  }

  /**
   * {@code --partial-suffix} came with 1.64. From 1.72 rclone names a partial file after the file
   * and the source's fingerprint alone, so that the next process copying the same file writes to
   * the very partial file an interrupted one left behind.
   */
  public boolean hasPartialSuffix() {
    return isAtLeast(1, 64);
  }

  /** bisync's {@code --conflict-resolve} came with 1.66. */
  public boolean hasConflictResolve() {
    return isModern();
  }
}
