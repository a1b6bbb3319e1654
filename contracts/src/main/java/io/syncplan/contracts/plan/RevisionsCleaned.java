package io.syncplan.contracts.plan;

import io.syncplan.contracts.message.Message;
import java.util.List;

/**
 * Expired revisions of a plan were removed, on request ({@code requestId} set) or by the periodic
 * job.
 *
 * @param error why the clean-up failed; null when it succeeded
 * @param removed the names of the revision folders removed, so that their index goes too
 */
public record RevisionsCleaned(
    String planId,
    String requestId,
    int foldersRemoved,
    int foldersKept,
    String error,
    List<String> removed)
    implements Message {

  public RevisionsCleaned {
    removed = removed == null ? List.of() : List.copyOf(removed);
  }

  /** A clean-up that names no folder it removed (executors before the revision index). */
  public RevisionsCleaned(
      String planId, String requestId, int foldersRemoved, int foldersKept, String error) {
    this(planId, requestId, foldersRemoved, foldersKept, error, List.of());
  }
}
