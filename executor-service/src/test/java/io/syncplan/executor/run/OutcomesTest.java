package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.rclone.RcloneReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each way rclone can end means for a run, including those hard to provoke for real. */
class OutcomesTest {

  @Test
  void aCriticalBisyncAbortFailsAtOnceNamingBisyncsCriticalError() {
    AttemptResult result =
        Outcomes.of(
            report(
                7,
                "Bisync aborted. Must run --resync to recover.",
                "Bisync critical error: path1 listing is corrupt",
                "Bisync aborted. Must run --resync to recover."),
            SyncMode.BISYNC,
            null);

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.retryable()).isFalse();
    assertThat(result.error().reason()).isEqualTo("BISYNC_NEEDS_RESYNC");
    assertThat(result.error().message())
        .contains("state cannot be trusted", "Bisync critical error: path1 listing is corrupt");
  }

  @Test
  void bisyncOf160AskingForAResyncWithAUsageExitNeedsAResyncToo() {
    AttemptResult result =
        Outcomes.of(
            report(
                2,
                "Bisync aborted. Must run --resync to recover.",
                "Bisync critical error: cannot find prior Path1 or Path2 listings, likely due to"
                    + " critical error on prior run"),
            SyncMode.BISYNC,
            null);

    assertThat(result.error().reason()).isEqualTo("BISYNC_NEEDS_RESYNC");
    assertThat(result.error().message()).contains("cannot find prior Path1 or Path2 listings");
  }

  @Test
  void anEmptyPriorListingIsAStateToResyncNotAnEmptySide() {
    AttemptResult priorEmpty =
        Outcomes.of(
            report(
                7,
                "Bisync aborted. Must run --resync to recover.",
                "Empty prior Path1 listing. Cannot sync to an empty directory: /w/a..b.path1.lst",
                "Bisync critical error: empty prior Path1 listing: /w/a..b.path1.lst"),
            SyncMode.BISYNC,
            null);
    AttemptResult sideEmpty =
        Outcomes.of(
            report(
                2,
                "Empty current Path1 listing. Cannot sync to an empty directory: /data/one",
                "Empty current Path1 listing. Cannot sync to an empty directory: /data/one"),
            SyncMode.BISYNC,
            null);

    assertThat(priorEmpty.error().reason()).isEqualTo("BISYNC_NEEDS_RESYNC");
    assertThat(sideEmpty.error().reason()).isEqualTo("SAFETY_ABORT");
  }

  @Test
  void onlyPassingTroubleIsRetried() {
    assertThat(Outcomes.of(report(1, "couldn't connect SSH"), SyncMode.MIRROR, null).retryable())
        .isTrue();
    assertThat(Outcomes.of(report(5, "temporary"), SyncMode.MIRROR, null).retryable()).isTrue();
    assertThat(Outcomes.of(report(137, null), SyncMode.MIRROR, null).error().reason())
        .isEqualTo("RCLONE_DIED");
    assertThat(Outcomes.of(report(137, null), SyncMode.MIRROR, null).retryable()).isTrue();
    for (int fatal : new int[] {2, 3, 4, 6, 7}) {
      assertThat(Outcomes.of(report(fatal, "x"), SyncMode.MIRROR, null).retryable())
          .as("exit %d", fatal)
          .isFalse();
    }
  }

  @Test
  void aStorageThatRefusesTheCredentialsFailsAtOnceSayingSo() {
    for (String refusal :
        new String[] {
          "error in ListJSON: SignatureDoesNotMatch: Forbidden status code: 403",
          "couldn't connect SSH: ssh: handshake failed: ssh: unable to authenticate",
          "read metadata failed: 401 Unauthorized"
        }) {
      AttemptResult result = Outcomes.of(report(1, refusal), SyncMode.MIRROR, null);

      assertThat(result.error().reason()).as(refusal).isEqualTo("ACCESS_DENIED");
      assertThat(result.retryable()).as(refusal).isFalse();
      assertThat(result.error().message()).contains("refused the plan's credentials", refusal);
    }
  }

  @Test
  void aFullDestinationDiskFailsAtOnceSayingSo() {
    for (String said :
        new String[] {
          "write /backup/a.bin: no space left on device",
          "preallocate: file too big for remaining disk space"
        }) {
      AttemptResult result = Outcomes.of(report(1, said), SyncMode.MIRROR, null);

      assertThat(result.status()).isEqualTo(RunStatus.FAILED);
      assertThat(result.retryable()).isFalse();
      assertThat(result.error().reason()).isEqualTo("DESTINATION_FULL");
      assertThat(result.error().message()).contains("disk is full", said);
    }
  }

  @Test
  void aRunStoppedOnRequestIsCancelledWhateverRcloneSaid() {
    AttemptResult result =
        Outcomes.of(report(137, null), SyncMode.MIRROR, RunControl.StopReason.CANCEL_REQUESTED);

    assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(result.retryable()).isFalse();
  }

  private static RcloneReport report(int exit, String error, String... tail) {
    return new RcloneReport(
        exit, RunStats.EMPTY, RunChanges.NONE, error, List.of(tail), Duration.ZERO);
  }

  private static RcloneReport report(int exit, String error) {
    return new RcloneReport(
        exit,
        RunStats.EMPTY,
        RunChanges.NONE,
        error,
        error == null ? List.of() : List.of(error),
        Duration.ZERO);
  }
}
