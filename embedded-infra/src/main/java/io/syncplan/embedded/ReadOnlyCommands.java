package io.syncplan.embedded;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The commands that never change the store, so their answer need not wait for the disk. An
 * allow-list: a command not named here (a new or rare write) is treated as a write and made durable
 * before it is answered, which costs only time.
 */
final class ReadOnlyCommands {

  private static final Set<String> READ_ONLY =
      Set.of(
          "find",
          "getmore",
          "count",
          "distinct",
          "killcursors",
          "ping",
          "hello",
          "ismaster",
          "buildinfo",
          "whatsmyuri",
          "serverstatus",
          "listcollections",
          "listindexes",
          "listdatabases",
          "dbstats",
          "collstats",
          "getlasterror",
          "getparameter",
          "getcmdlineopts",
          "getlog",
          "hostinfo",
          "connectionstatus",
          "endsessions",
          "explain");

  private ReadOnlyCommands() {}

  /** True when answering the command changes nothing on disk. */
  static boolean isReadOnly(String command, Document query) {
    String name = command.toLowerCase(Locale.ROOT);
    if (name.equals("aggregate")) {
      return !writesOutput(query);
    }
    return READ_ONLY.contains(name);
  }

  /** An aggregation that ends in {@code $out} or {@code $merge} writes a collection. */
  private static boolean writesOutput(Document query) {
    if (query == null || !(query.get("pipeline") instanceof List<?> pipeline)) {
      return false;
    }
    return pipeline.stream()
        .anyMatch(
            stage ->
                stage instanceof Document document
                    && (document.containsKey("$out") || document.containsKey("$merge")));
  }
}
