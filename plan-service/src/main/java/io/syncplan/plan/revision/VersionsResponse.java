package io.syncplan.plan.revision;

import java.time.Instant;
import java.util.List;

/**
 * Every version of one path: the destination's current one, and each kept in a revision folder,
 * newest first.
 */
record VersionsResponse(
    String planId, String path, Current current, List<RevisionFileResponse> kept) {

  /**
   * What the destination holds at the path now, as an executor of the plan's pool saw it.
   *
   * @param status FOUND, ABSENT (no file there now), FAILED (the executor could not look; {@code
   *     error} says why) or UNKNOWN (no executor answered in time)
   */
  public record Current(String status, Long size, Instant modifiedAt, String error) {

    static final Current UNKNOWN =
        new Current("UNKNOWN", null, null, "no executor of the plan's pool answered in time");

    static Current of(CurrentVersionDocument answer) {
      return "FOUND".equals(answer.status())
          ? new Current("FOUND", answer.size(), answer.modifiedAt(), null)
          : new Current(answer.status(), null, null, answer.error());
    }
  }
}
