package io.syncplan.executor.rclone;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The version of the installed rclone, to use a flag only where it exists. */
public record RcloneVersion(int major, int minor, int patch, String text) {

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

  /** bisync's {@code --conflict-resolve} came with 1.66; before it, both versions are kept. */
  public boolean hasConflictResolve() {
    return isAtLeast(1, 66);
  }
}
