package io.syncplan.contracts.revision;

import io.syncplan.contracts.message.Message;
import java.util.List;
import java.util.Objects;

/**
 * An executor listed every revision folder of a plan ({@link RevisionIndexRequested}) and reported
 * each before this; {@code revisions} are the folders there are, so an index can drop the ones that
 * are gone.
 *
 * @param error why the history could not be listed; null when it was
 */
public record RevisionIndexCompleted(
    String requestId, String planId, List<String> revisions, String error) implements Message {

  public RevisionIndexCompleted {
    Objects.requireNonNull(planId, "planId");
    revisions = revisions == null ? List.of() : List.copyOf(revisions);
  }
}
