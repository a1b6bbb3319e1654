package io.syncplan.plan.web;

import java.util.Arrays;

/**
 * Versions as strong entity tags, and the If-Match check of optimistic concurrency: a change sent
 * with the tag of the version it was based on is refused with 412 when that version is no longer
 * current, instead of silently overwriting what somebody else changed.
 */
public final class ETags {

  private ETags() {}

  public static String of(long version) {
    return "\"" + version + "\"";
  }

  /**
   * Throws {@link PreconditionFailedException} unless {@code ifMatch} is absent, {@code *}, or
   * names the current version.
   */
  public static void check(String ifMatch, long currentVersion, String what) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return;
    }
    String current = of(currentVersion);
    boolean matches =
        Arrays.stream(ifMatch.split(","))
            .map(String::strip)
            .anyMatch(tag -> tag.equals("*") || tag.equals(current));
    if (!matches) {
      throw new PreconditionFailedException(what, current);
    }
  }
}
