package io.syncplan.executor.rclone;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.run.ResyncChanges;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RcloneLogParserTest {

  private static String line(String level, String msg, String object) {
    return "{\"level\":\""
        + level
        + "\",\"msg\":\""
        + msg
        + "\",\"object\":\""
        + object
        + "\",\"objectType\":\"*local.Object\",\"source\":\"x.go:1\",\"time\":\"t\"}";
  }

  @Test
  void countsAndListsEachKindOfChange() {
    RcloneLogParser parser = new RcloneLogParser();
    parser.accept(line("info", "Copied (new)", "a.txt"));
    parser.accept(line("info", "Copied (replaced existing)", "b.txt"));
    parser.accept(line("info", "Deleted", "c.txt"));
    parser.accept(
        "{\"level\":\"warning\",\"msg\":\"x\",\"stats\":{\"bytes\":42,\"checks\":3,\"errors\":0,"
            + "\"totalBytes\":42,\"transfers\":2,\"totalTransfers\":2,\"speed\":10.5,\"eta\":null}}");

    RcloneReport report = parser.finish(0, Duration.ZERO);

    assertThat(report.stats().filesAdded()).isEqualTo(1);
    assertThat(report.stats().filesModified()).isEqualTo(1);
    assertThat(report.stats().filesDeleted()).isEqualTo(1);
    assertThat(report.stats().bytesTransferred()).isEqualTo(42);
    assertThat(report.stats().filesChecked()).isEqualTo(3);
    assertThat(report.changes().added()).containsExactly("a.txt");
    assertThat(report.changes().modified()).containsExactly("b.txt");
    assertThat(report.changes().deleted()).containsExactly("c.txt");
    assertThat(report.errorMessage()).isNull();
  }

  @Test
  void aFatalErrorIsTheRunsMessageWhetherRcloneLogsItPlainOrAsCriticalJson() {
    // rclone 1.60 writes a fatal error as a plain line, rclone 1.75 as JSON at level critical.
    String plain =
        "2026/12/03 07:22:06 Failed to create file system for \"DST:x\": dial tcp 127.0.0.1:1:"
            + " connect: connection refused";
    String json =
        "{\"time\":\"t\",\"level\":\"critical\",\"msg\":\"Failed to create file system for"
            + " \\\"DST:x\\\": dial tcp 127.0.0.1:1: connect: connection refused\","
            + "\"source\":\"cmd/cmd.go:148\"}";
    for (String line : new String[] {plain, json}) {
      RcloneLogParser parser = new RcloneLogParser();
      parser.accept(line);

      RcloneReport report = parser.finish(1, Duration.ZERO);

      assertThat(report.errorMessage())
          .as(line)
          .startsWith("Failed to create file system for \"DST:x\"")
          .endsWith("connection refused");
      assertThat(report.logTail()).as(line).hasSize(1);
    }
  }

  @Test
  void aBisyncConflictIsListedWhetherOrNotRcloneColoursTheLine() {
    RcloneLogParser parser = new RcloneLogParser();
    // rclone 1.75 colours bisync's messages even in its JSON log; 1.60 does not.
    parser.accept(
        "{\"level\":\"notice\",\"msg\":\"- \\u001b[34mWARNING\\u001b[0m  \\u001b[35mNew or"
            + " changed in both paths\\u001b[0m       - \\u001b[36mnotes.txt\\u001b[0m\"}");
    parser.accept(
        "{\"level\":\"notice\",\"msg\":\"- WARNING           New or changed in both paths   "
            + "             - docs/other.txt\"}");

    RcloneReport report = parser.finish(0, Duration.ZERO);

    assertThat(report.changes().conflicts()).containsExactly("notes.txt", "docs/other.txt");
    assertThat(report.stats().conflicts()).isEqualTo(2);
  }

  @Test
  void aFileNewOnBothSidesWithEqualContentsIsNoConflict() {
    RcloneLogParser parser = new RcloneLogParser();
    // rclone 1.66 and later compare such files after announcing them.
    parser.accept(
        "{\"level\":\"notice\",\"msg\":\"- WARNING  New or changed in both paths  - a.txt\"}");
    parser.accept(
        "{\"level\":\"notice\",\"msg\":\"- WARNING  New or changed in both paths  - b.txt\"}");
    parser.accept("{\"level\":\"info\",\"msg\":\"Files are equal! Skipping: a.txt\"}");

    RcloneReport report = parser.finish(0, Duration.ZERO);

    assertThat(report.changes().conflicts()).containsExactly("b.txt");
    assertThat(report.stats().conflicts()).isEqualTo(1);
  }

  @Test
  void aFileMovedToRevisionsAndCopiedAgainWasModifiedAndOneOnlyMovedWasDeleted() {
    RcloneLogParser parser = new RcloneLogParser();
    // What rclone 1.60 logs with --backup-dir on a backend that moves server-side.
    parser.accept(line("info", "Moved (server-side)", "changed.txt"));
    parser.accept(line("info", "Copied (new)", "changed.txt"));
    parser.accept(line("info", "Moved (server-side)", "gone.txt"));
    parser.accept(line("info", "Moved into backup dir", "gone.txt"));

    RcloneReport report = parser.finish(0, Duration.ZERO);

    assertThat(report.changes().modified()).containsExactly("changed.txt");
    assertThat(report.changes().deleted()).containsExactly("gone.txt");
    assertThat(report.changes().added()).isEmpty();
    assertThat(report.changes().movedToRevisions()).containsExactly("changed.txt", "gone.txt");
    assertThat(report.stats().filesMovedToRevisions()).isEqualTo(2);
  }

  @Test
  void onABackendThatCannotMoveTheHistoryIsAServerSideCopyAndADeletion() {
    RcloneLogParser parser = new RcloneLogParser();
    // What rclone 1.60 and 1.75 log with --backup-dir on S3.
    parser.accept(line("info", "Copied (server-side copy)", "changed.txt"));
    parser.accept(line("info", "Deleted", "changed.txt"));
    parser.accept(line("info", "Copied (new)", "changed.txt"));
    parser.accept(line("info", "Copied (server-side copy)", "gone.txt"));
    parser.accept(line("info", "Deleted", "gone.txt"));
    parser.accept(line("info", "Moved into backup dir", "gone.txt"));
    parser.accept(line("info", "Copied (new)", "new.txt"));

    RcloneReport report = parser.finish(0, Duration.ZERO);

    assertThat(report.changes().added()).containsExactly("new.txt");
    assertThat(report.changes().modified()).containsExactly("changed.txt");
    assertThat(report.changes().deleted()).containsExactly("gone.txt");
    assertThat(report.changes().movedToRevisions()).containsExactly("changed.txt", "gone.txt");
  }

  @Test
  void reportsStatsLinesAsProgress() {
    RcloneLogParser parser = new RcloneLogParser();

    var progress =
        parser.accept(
            "{\"level\":\"info\",\"msg\":\"\",\"stats\":{\"bytes\":10,\"totalBytes\":100,"
                + "\"transfers\":1,\"totalTransfers\":4,\"speed\":5.0,\"eta\":18}}");

    assertThat(progress).contains(new RcloneProgress(10, 100, 1, 4, 5.0, 18L));
  }

  @Test
  void aFailureCarriesRclonesOwnReasonAndTheLastLines() {
    RcloneLogParser parser = new RcloneLogParser();
    parser.accept(
        "{\"level\":\"error\",\"msg\":\"Attempt 1/1 failed with 1 errors and: directory not"
            + " found\",\"source\":\"cmd/cmd.go:283\",\"time\":\"t\"}");
    parser.accept("2026/11/26 08:59:23 Failed to sync: directory not found");

    RcloneReport report = parser.finish(3, Duration.ZERO);

    assertThat(report.succeeded()).isFalse();
    assertThat(report.errorMessage()).isEqualTo("Failed to sync: directory not found");
    assertThat(report.logTail()).hasSize(2);
  }

  @Test
  void capsTheListsAndCountsWhatWasLeftOut() {
    RcloneLogParser parser = new RcloneLogParser();
    int files = RcloneLogParser.MAX_LISTED_PATHS + 5;
    for (int i = 0; i < files; i++) {
      parser.accept(line("info", "Copied (new)", "f" + i));
    }

    RcloneReport report = parser.finish(0, Duration.ZERO);

    assertThat(report.changes().added()).hasSize(RcloneLogParser.MAX_LISTED_PATHS);
    assertThat(report.changes().omitted()).isEqualTo(5);
    assertThat(report.stats().filesAdded()).isEqualTo(files);
  }

  @Test
  void aDryRunTellsAdditionsFromReplacementsByTheDebugLineThatSaysWhatDiffers() {
    RcloneLogParser parser = new RcloneLogParser();
    parser.accept(skipped("copy", "new.txt"));
    parser.accept(line("debug", "Sizes differ (src 15 vs dst 7)", "changed.txt"));
    parser.accept(skipped("copy", "changed.txt"));
    parser.accept(skipped("delete", "gone.txt"));

    RcloneReport report = parser.finish(0, Duration.ZERO);

    assertThat(report.changes().added()).containsExactly("new.txt");
    assertThat(report.changes().modified()).containsExactly("changed.txt");
    assertThat(report.changes().deleted()).containsExactly("gone.txt");
  }

  @Test
  void aDryRunWithRevisionsSaysWhatWouldMoveIntoTheHistory() {
    RcloneLogParser parser = new RcloneLogParser();
    parser.accept(skipped("move", "changed.txt"));
    parser.accept(skipped("copy", "changed.txt"));
    parser.accept(skipped("move into backup dir", "gone.txt"));

    RcloneReport report = parser.finish(0, Duration.ZERO);

    assertThat(report.changes().modified()).containsExactly("changed.txt");
    assertThat(report.changes().deleted()).containsExactly("gone.txt");
    assertThat(report.changes().movedToRevisions()).containsExactly("changed.txt", "gone.txt");
  }

  @Test
  void bisyncConflictsAreListedAndCounted() {
    RcloneLogParser parser = new RcloneLogParser();
    parser.accept(
        "{\"level\":\"warning\",\"msg\":\"- WARNING  New or changed in both paths        -"
            + " notes/todo.txt\",\"source\":\"bisync/deltas.go:201\",\"time\":\"t\"}");

    RcloneReport report = parser.finish(0, Duration.ZERO);

    assertThat(report.changes().conflicts()).containsExactly("notes/todo.txt");
    assertThat(report.stats().conflicts()).isEqualTo(1);
  }

  @Test
  void secretsAreMaskedInTheErrorAndTheLastLines() {
    RcloneLogParser parser = new RcloneLogParser(new Redactor(Set.of("hunter2", "aHVudGVyMg")));
    parser.accept(
        "{\"level\":\"error\",\"msg\":\"auth failed for hunter2 (aHVudGVyMg)\",\"time\":\"t\"}");
    parser.accept("2026/11/26 08:59:23 Failed to sync: password hunter2 refused");

    RcloneReport report = parser.finish(1, Duration.ZERO);

    assertThat(report.errorMessage()).isEqualTo("Failed to sync: password *** refused");
    assertThat(report.logTail())
        .containsExactly("auth failed for *** (***)", "Failed to sync: password *** refused");
  }

  private static String skipped(String what, String object) {
    return "{\"level\":\"warning\",\"msg\":\"Skipped "
        + what
        + " as --dry-run is set (size 4)\",\"object\":\""
        + object
        + "\",\"skipped\":\""
        + what
        + "\",\"time\":\"t\"}";
  }

  private static String message(String level, String msg) {
    return "{\"level\":\"" + level + "\",\"msg\":\"" + msg + "\",\"source\":\"x.go:1\"}";
  }

  @Test
  void aResyncOf160ListsWhatWentEachWayAndNotTheDeletionsItsPreviewImagines() {
    RcloneLogParser parser = new RcloneLogParser();
    parser.accept(message("info", "Copying unique Path2 files to Path1"));
    parser.accept(skipped("copy", "only-on-two.txt"));
    parser.accept(message("info", "Resynching Path1 to Path2"));
    parser.accept(line("debug", "Sizes differ (src 4 vs dst 11)", "both.txt"));
    parser.accept(skipped("copy", "only-on-one.txt"));
    parser.accept(skipped("copy", "both.txt"));
    // the first step did not copy it, so the preview of the second would delete it
    parser.accept(skipped("delete", "only-on-two.txt"));

    RcloneReport report = parser.finish(0, Duration.ZERO);

    assertThat(report.changes().resync())
        .isEqualTo(
            new ResyncChanges(
                List.of("only-on-two.txt"),
                List.of(),
                List.of("only-on-one.txt"),
                List.of("both.txt")));
    assertThat(report.changes().deleted()).isEmpty();
    assertThat(report.changes().added()).containsExactly("only-on-two.txt", "only-on-one.txt");
    assertThat(report.changes().modified()).containsExactly("both.txt");
  }

  @Test
  void aResyncOf175ListsReplacedVersionsKeptInTheHistoryAndATieOnce() {
    String toPath1 =
        "- \\u001b[34mPath2\\u001b[0m    \\u001b[35mResync is copying files to\\u001b[0m"
            + "         - \\u001b[36mPath1\\u001b[0m";
    RcloneLogParser parser = new RcloneLogParser();
    parser.accept(message("info", "Copying Path2 files to Path1"));
    parser.accept(message("notice", toPath1));
    parser.accept(skipped("move", "newer-on-two.txt"));
    parser.accept(skipped("copy", "newer-on-two.txt"));
    parser.accept(skipped("move", "tie.txt"));
    parser.accept(skipped("copy", "tie.txt"));
    parser.accept(
        message(
            "notice",
            "- \\u001b[36mPath1\\u001b[0m    \\u001b[35mResync is copying files to\\u001b[0m"
                + "         - \\u001b[36mPath2\\u001b[0m"));
    parser.accept(skipped("copy", "only-on-one.txt"));
    // a preview does not carry out the first step, so the tie shows again in the second
    parser.accept(skipped("move", "tie.txt"));
    parser.accept(skipped("copy", "tie.txt"));

    RcloneReport report = parser.finish(0, Duration.ZERO);

    assertThat(report.changes().resync())
        .isEqualTo(
            new ResyncChanges(
                List.of(),
                List.of("newer-on-two.txt", "tie.txt"),
                List.of("only-on-one.txt"),
                List.of()));
    assertThat(report.changes().movedToRevisions()).contains("newer-on-two.txt", "tie.txt");
  }

  @Test
  void aRunThatIsNoResyncHasNoResyncChanges() {
    RcloneLogParser parser = new RcloneLogParser();
    parser.accept(line("info", "Copied (new)", "a.txt"));

    assertThat(parser.finish(0, Duration.ZERO).changes().resync()).isNull();
  }
}
