package io.syncplan.plan.run;

import io.syncplan.contracts.run.RunChangeList;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How many paths each stored part of one attempt and kind of a run's change list holds, keyed like
 * the parts' own ids without the part number ({@code <runId>/<attempt:4>/<kind ordinal>/}), so that
 * a page of the list finds its parts by {@code _id} alone: on the embedded store a range of ids, or
 * any query but {@code _id} equality and {@code $in}, reads the whole collection.
 *
 * @param parts each part's number (as text, a map key) and its paths
 */
@Document("run_change_counts")
record RunChangeCounts(@Id String id, String runId, Map<String, Integer> parts) {

  static String id(String runId, int attempt, RunChangeList.ChangeKind kind) {
    return RunChangePart.prefix(runId, attempt, kind);
  }
}
