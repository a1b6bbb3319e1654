package io.syncplan.executor.rclone;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A completed run's changes from rclone 1.66+'s change reports, checked against its log. */
class ChangeReportsTest {

  @TempDir Path reports;

  @Test
  void theReportWinsOverALogThatTookAReplacedFileForANewOneAndTheDisagreementIsNamed()
      throws IOException {
    write("missing-on-dst.txt", "new.txt");
    write("differ.txt", "replaced.txt");
    write("missing-on-src.txt", "gone.txt");
    // as a log whose move into the history was too far from its copy would read
    RunChanges log =
        new RunChanges(
            List.of("new.txt", "replaced.txt"), List.of(), List.of("gone.txt"), List.of(), 0);

    ChangeReports.Checked checked =
        ChangeReports.check(
            reports,
            SyncMode.MIRROR_WITH_REVISIONS,
            true,
            false,
            new RunStats(2, 0, 1, 0, 42, 7, 0),
            log);

    assertThat(checked.changes().added()).containsExactly("new.txt");
    assertThat(checked.changes().modified()).containsExactly("replaced.txt");
    assertThat(checked.changes().deleted()).containsExactly("gone.txt");
    assertThat(checked.changes().movedToRevisions())
        .containsExactlyInAnyOrder("replaced.txt", "gone.txt");
    assertThat(checked.stats()).isEqualTo(new RunStats(1, 1, 1, 2, 42, 7, 0));
    assertThat(checked.disagreement())
        .contains("added: the log says 2, the report 1", "only in the log: [replaced.txt]")
        .contains("replaced: the log says 0, the report 1");
  }

  @Test
  void aLogThatSaysTheSameAgrees() throws IOException {
    write("missing-on-dst.txt", "a.txt", "b/c.txt");
    write("differ.txt");
    write("missing-on-src.txt", "d.txt");
    RunChanges log =
        new RunChanges(List.of("b/c.txt", "a.txt"), List.of(), List.of("d.txt"), List.of(), 0);

    ChangeReports.Checked checked =
        ChangeReports.check(
            reports, SyncMode.MIRROR, false, false, new RunStats(2, 0, 1, 0, 0, 0, 0), log);

    assertThat(checked.disagreement()).isNull();
    assertThat(checked.changes().movedToRevisions()).isEmpty();
  }

  @Test
  void aDryRunsLogNeedNotTellReplacedFilesFromNewOnes() throws IOException {
    write("missing-on-dst.txt", "new.txt");
    write("differ.txt", "replaced.txt");
    write("missing-on-src.txt");
    RunChanges log =
        new RunChanges(List.of("new.txt", "replaced.txt"), List.of(), List.of(), List.of(), 0);

    ChangeReports.Checked checked =
        ChangeReports.check(
            reports, SyncMode.MIRROR, false, true, new RunStats(2, 0, 0, 0, 0, 0, 0), log);

    assertThat(checked.disagreement()).isNull();
    assertThat(checked.changes().added()).containsExactly("new.txt");
    assertThat(checked.changes().modified()).containsExactly("replaced.txt");
  }

  @Test
  void aCopyDeletesNothingWhateverTheDestinationHasOfItsOwn() throws IOException {
    write("missing-on-dst.txt", "new.txt");
    write("differ.txt");
    write("missing-on-src.txt", "only-at-the-destination.txt");

    ChangeReports.Checked checked =
        ChangeReports.check(
            reports,
            SyncMode.COPY,
            false,
            false,
            new RunStats(1, 0, 0, 0, 0, 0, 0),
            new RunChanges(List.of("new.txt"), List.of(), List.of(), List.of(), 0));

    assertThat(checked.changes().deleted()).isEmpty();
    assertThat(checked.disagreement()).isNull();
  }

  @Test
  void listsAreCappedButCountsAreExact() throws IOException {
    String[] many =
        IntStream.range(0, RcloneLogParser.MAX_LISTED_PATHS + 5)
            .mapToObj(i -> "f" + i)
            .toArray(String[]::new);
    write("missing-on-dst.txt");
    write("differ.txt", many);
    write("missing-on-src.txt");

    ChangeReports.Checked checked =
        ChangeReports.check(
            reports,
            SyncMode.MIRROR_WITH_REVISIONS,
            true,
            false,
            new RunStats(0, many.length, 0, many.length, 0, 0, 0),
            new RunChanges(List.of(), List.of(), List.of(), List.of(), many.length));

    assertThat(checked.stats().filesModified()).isEqualTo(many.length);
    assertThat(checked.stats().filesMovedToRevisions()).isEqualTo(many.length);
    assertThat(checked.changes().modified()).hasSize(RcloneLogParser.MAX_LISTED_PATHS);
    assertThat(checked.changes().omitted()).isEqualTo(10);
  }

  @Test
  void aPassWithoutLogLinesListsWhatItsReportsFoundLessWhatRcloneFailedOn() throws IOException {
    write("missing-on-dst.txt", "new.txt", "failed-copy.txt");
    write("differ.txt", "replaced.txt");
    write("missing-on-src.txt", "not-deleted.txt");
    // rclone names a failed copy, and every deletion it then skips for the errors
    write("error.txt", "failed-copy.txt", "not-deleted.txt");

    ChangeReports.Checked checked =
        ChangeReports.withoutLog(
            reports,
            SyncMode.MIRROR_WITH_REVISIONS,
            true,
            true,
            new RunStats(0, 0, 0, 0, 42, 7, 2));

    assertThat(checked.changes().added()).containsExactly("new.txt");
    assertThat(checked.changes().modified()).containsExactly("replaced.txt");
    assertThat(checked.changes().deleted()).isEmpty();
    assertThat(checked.changes().movedToRevisions()).containsExactly("replaced.txt");
    assertThat(checked.stats()).isEqualTo(new RunStats(1, 1, 0, 1, 42, 7, 2));
    assertThat(checked.disagreement()).isNull();
  }

  @Test
  void aPassThatHeldItsDeletionsBackListsNone() throws IOException {
    write("missing-on-dst.txt", "new.txt");
    write("differ.txt");
    write("missing-on-src.txt", "due-1.txt", "due-2.txt");

    ChangeReports.Checked checked =
        ChangeReports.withoutLog(
            reports, SyncMode.MIRROR, false, false, new RunStats(0, 0, 0, 0, 3, 3, 0));

    assertThat(checked.changes().added()).containsExactly("new.txt");
    assertThat(checked.changes().deleted()).isEmpty();
    assertThat(checked.stats().filesDeleted()).isZero();
    assertThat(ChangeReports.deletionsDue(reports)).isEqualTo(2);
  }

  @Test
  void noReportsWereWrittenByAnOlderRclone() {
    assertThat(ChangeReports.written(reports)).isFalse();
    assertThat(ChangeReports.written(null)).isFalse();
  }

  private void write(String name, String... paths) throws IOException {
    Files.write(reports.resolve(name), List.of(paths));
  }
}
