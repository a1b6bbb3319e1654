package io.syncplan.plan.revision;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One revision folder of a plan as the executors indexed it, and where its files are: in parts
 * ({@link RevisionPartDocument}) read by their computed {@code _id}, found from the first and last
 * path of each part kept here, so that no page of the folder searches the files.
 *
 * @param id {@code <planId>/<revision>}
 * @param revision the folder's name, the start of the run that made it
 * @param runId the run that made it; null when indexed later from the storage alone
 * @param files the files it holds
 * @param bytes their bytes
 * @param parts each stored part's range and file count, by {@link #partKey(int)}
 * @param filesInParts true once its files are stored in parts; false for a folder indexed by an
 *     earlier version, one document per file ({@link RevisionFileDocument})
 */
@Document("revisions")
@CompoundIndex(name = "plan_newest_first", def = "{'planId': 1, 'madeAt': -1}")
record RevisionDocument(
    @Id String id,
    String planId,
    String revision,
    Instant madeAt,
    String runId,
    long files,
    long bytes,
    Instant indexedAt,
    Map<String, PartRange> parts,
    boolean filesInParts) {

  static String id(String planId, String revision) {
    return planId + "/" + revision;
  }

  /**
   * The key of a part in {@link #parts}: a name, not a number, so that no store takes {@code
   * parts.3} for an array's element.
   */
  static String partKey(int part) {
    return "p" + part;
  }

  /** The key of one of its parts ({@link RevisionPartDocument}). */
  String partId(PartRange part) {
    return RevisionPartDocument.id(planId, revision, part.part());
  }

  /** The stored parts, in path order. */
  List<PartRange> partsInOrder() {
    return parts == null
        ? List.of()
        : parts.values().stream().sorted(Comparator.comparingInt(PartRange::part)).toList();
  }

  /**
   * One stored part of a folder's index.
   *
   * @param first its first path
   * @param last its last path
   * @param files how many files it holds
   */
  record PartRange(int part, String first, String last, int files) {}
}
