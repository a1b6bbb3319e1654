package io.syncplan.plan.run;

import io.syncplan.contracts.run.RunChangeList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One part of a run's complete change list, a document of its own so that a run's list can be as
 * long as its run was, outside the run document. The id sorts a run's parts by attempt, kind (in
 * the API's order: added, modified, deleted, moved) and part, so that every read is a range of ids:
 * {@code <runId>/<attempt:4>/<kind ordinal>/<part:7>}.
 *
 * @param count how many paths the part holds, to page without reading the paths
 */
@Document("run_changes")
record RunChangePart(
    @Id String id,
    String runId,
    int attempt,
    RunChangeList.ChangeKind kind,
    int part,
    int count,
    List<String> paths) {

  static RunChangePart of(RunChangeList list) {
    return new RunChangePart(
        id(prefix(list.runId(), list.attempt(), list.kind()), list.part()),
        list.runId(),
        list.attempt(),
        list.kind(),
        list.part(),
        list.paths().size(),
        list.paths());
  }

  /** The ids of a run's parts of one attempt start with this; of one kind too when it is given. */
  static String prefix(String runId, int attempt, RunChangeList.ChangeKind kind) {
    String attemptPrefix = runId + "/" + String.format("%04d", attempt) + "/";
    return kind == null ? attemptPrefix : attemptPrefix + kind.ordinal() + "/";
  }

  /** The id of part {@code part} of the attempt and kind whose ids start with {@code prefix}. */
  static String id(String prefix, int part) {
    return prefix + String.format("%07d", part);
  }

  /** The ids of all of a run's parts start with this. */
  static String prefix(String runId) {
    return runId + "/";
  }
}
