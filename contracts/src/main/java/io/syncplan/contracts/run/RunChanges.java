package io.syncplan.contracts.run;

import java.util.List;

/**
 * The paths a run touched, relative to the destination. The lists are capped; {@code omitted}
 * counts the paths left out.
 */
public record RunChanges(
    List<String> added,
    List<String> modified,
    List<String> deleted,
    List<String> movedToRevisions,
    long omitted) {

  public static final RunChanges NONE =
      new RunChanges(List.of(), List.of(), List.of(), List.of(), 0);

  public RunChanges {
    added = added == null ? List.of() : List.copyOf(added);
    modified = modified == null ? List.of() : List.copyOf(modified);
    deleted = deleted == null ? List.of() : List.copyOf(deleted);
    movedToRevisions = movedToRevisions == null ? List.of() : List.copyOf(movedToRevisions);
  }
}
