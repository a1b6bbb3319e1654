package io.syncplan.contracts.revision;

import io.syncplan.contracts.message.Message;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one revision folder of a plan holds, as an executor listed it after a run moved files into
 * it (or when asked to index a plan's history): its files sorted by path, in parts small enough for
 * one Kafka record each. Internal, on the executor results topic; a part sent twice is the same
 * part.
 *
 * @param revision the folder's name, the start of the run that made it ({@code
 *     2026-11-26T09-15-30.123Z})
 * @param madeAt the instant the name stands for
 * @param runId the run that made it; null when indexed later from the storage alone
 * @param part this part's number, from 0; parts follow each other in path order
 * @param files this part's files, sorted by path ({@link String#compareTo})
 * @param last true on the folder's last part
 * @param totalFiles files in the whole folder
 * @param totalBytes their bytes
 */
public record RevisionIndexed(
    String planId,
    String revision,
    Instant madeAt,
    String runId,
    int part,
    List<RevisionFile> files,
    boolean last,
    long totalFiles,
    long totalBytes)
    implements Message {

  public RevisionIndexed {
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(revision, "revision");
    files = files == null ? List.of() : List.copyOf(files);
  }
}
