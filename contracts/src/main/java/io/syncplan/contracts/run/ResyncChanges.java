package io.syncplan.contracts.run;

import java.util.List;

/**
 * What a resync of a BISYNC plan copied each way, or, previewed, would copy. A resync makes each
 * side hold every file of either: a file only one side has is copied to the other, and of a file
 * both sides hold in different versions the newer one wins on both sides while the other is kept in
 * its side's history ({@code .syncplan/revisions/<run start>/<path>}). Nothing is deleted. The
 * lists are capped like the run's others ({@link RunChanges#omitted()} counts the rest).
 *
 * @param addedToPath1 files the plan's source (path1) did not have and got from the destination
 * @param replacedOnPath1 files whose version on the source was replaced by the destination's newer
 *     one (the source's old version kept in its history)
 * @param addedToPath2 files the destination (path2) did not have and got from the source
 * @param replacedOnPath2 files whose version on the destination was replaced by the source's newer
 *     one (the destination's old version kept in its history)
 */
public record ResyncChanges(
    List<String> addedToPath1,
    List<String> replacedOnPath1,
    List<String> addedToPath2,
    List<String> replacedOnPath2) {

  public ResyncChanges {
    addedToPath1 = addedToPath1 == null ? List.of() : List.copyOf(addedToPath1);
    replacedOnPath1 = replacedOnPath1 == null ? List.of() : List.copyOf(replacedOnPath1);
    addedToPath2 = addedToPath2 == null ? List.of() : List.copyOf(addedToPath2);
    replacedOnPath2 = replacedOnPath2 == null ? List.of() : List.copyOf(replacedOnPath2);
  }
}
