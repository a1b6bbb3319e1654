package io.syncplan.plan.revision;

import io.syncplan.contracts.revision.RevisionFile;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One part of a revision folder's index as an executor sent it ({@code RevisionIndexed}): up to
 * 1,000 files in path order. Always read by {@code _id}, which a page computes from its revision's
 * {@link RevisionDocument#parts()}: the embedded store answers nothing else from an index.
 *
 * @param id {@link #id(String, String, int)}, so that a part delivered twice is stored once
 */
@Document("revision_parts")
record RevisionPartDocument(
    @Id String id, String planId, String revision, int part, List<IndexedFile> files) {

  static String id(String planId, String revision, int part) {
    return RevisionDocument.id(planId, revision) + "/" + part;
  }

  /**
   * One version a revision folder keeps.
   *
   * @param side whose history holds it (BISYNC keeps losers on both sides)
   */
  record IndexedFile(String path, long size, Instant modifiedAt, RevisionFile.Side side) {

    /** The executors' order: by path, then side. */
    static final Comparator<IndexedFile> ORDER =
        Comparator.comparing(IndexedFile::path).thenComparing(IndexedFile::side);

    static IndexedFile of(RevisionFile file) {
      return new IndexedFile(file.path(), file.size(), file.modifiedAt(), file.side());
    }
  }
}
