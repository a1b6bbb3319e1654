package io.syncplan.executor.run;

import io.syncplan.contracts.run.RunChangeList;
import io.syncplan.contracts.run.RunChangeList.ChangeKind;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.ledger.LedgerEntry;
import io.syncplan.executor.rclone.ChangeReports;
import io.syncplan.executor.rclone.Transfer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Publishes a run's complete change lists ({@code run.changes}, in parts) from rclone's change
 * reports, which list every path however many there are, a part at a time so that neither the
 * executor's memory nor an event grows with the list. Only a pass whose reports are whole does: one
 * that completed, or one whose deletions the mass-deletion guard held back (its comparison
 * completed; it deleted nothing, so its deletions are not listed).
 *
 * <p>Parts are handed to Kafka one after the other without waiting for each answer, up to {@link
 * #IN_FLIGHT} at once, and all are answered before {@link #publish} returns, so before the run's
 * outcome. Waiting for each part's answer in turn cost a broker round trip per 1,000 paths (10 to
 * 15 ms here: 130 ms of a 10,000-file run, seconds of a million-file one); one key, the plan's, and
 * the idempotent producer keep the parts in order either way.
 */
@Component
class ChangeListPublisher {

  /**
   * Parts sent but not yet answered: enough to keep the producer's requests in flight, few enough
   * that the executor's memory does not grow with the list (at most 8 × 256 KB of paths).
   */
  static final int IN_FLIGHT = 8;

  private final RunEvents events;

  ChangeListPublisher(RunEvents events) {
    this.events = events;
  }

  /** The parts an attempt has published so far, per kind: the next part's number. */
  static final class Parts {
    private final Map<ChangeKind, Integer> next = new EnumMap<>(ChangeKind.class);

    int next(ChangeKind kind) {
      return next.merge(kind, 1, Integer::sum) - 1;
    }
  }

  void publish(LedgerEntry entry, Transfer transfer, AttemptResult result, Parts parts) {
    boolean completed = result.status() == RunStatus.SUCCEEDED;
    boolean heldBack = MassDeletionGuard.deletionsHeldBack(result);
    if ((!completed && !heldBack) || !ChangeReports.written(transfer.reports())) {
      return;
    }
    Deque<RunEvents.Sent> sent = new ArrayDeque<>();
    List<Path> moved = new ArrayList<>();
    for (ChangeKind kind : List.of(ChangeKind.ADDED, ChangeKind.MODIFIED, ChangeKind.DELETED)) {
      if (kind == ChangeKind.DELETED && (heldBack || !transfer.mode().deletesAtDestination())) {
        continue;
      }
      Path report = ChangeReports.report(transfer.reports(), kind);
      publish(entry, kind, List.of(report), parts, sent);
      if (kind != ChangeKind.ADDED) {
        moved.add(report);
      }
    }
    if (transfer.backupDir() != null) {
      publish(entry, ChangeKind.MOVED_TO_REVISIONS, moved, parts, sent);
    }
    while (!sent.isEmpty()) {
      sent.removeFirst().await();
    }
  }

  private void publish(
      LedgerEntry entry,
      ChangeKind kind,
      List<Path> reports,
      Parts parts,
      Deque<RunEvents.Sent> sent) {
    List<String> paths = new ArrayList<>();
    int bytes = 0;
    for (Path report : reports) {
      if (!Files.exists(report)) {
        continue;
      }
      try (BufferedReader lines = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.isEmpty()) {
            continue;
          }
          int size = line.getBytes(StandardCharsets.UTF_8).length;
          if (paths.size() == RunChangeList.MAX_PATHS
              || (!paths.isEmpty() && bytes + size > RunChangeList.MAX_BYTES)) {
            send(entry, kind, paths, parts, sent);
            paths = new ArrayList<>();
            bytes = 0;
          }
          paths.add(line);
          bytes += size;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read rclone's change report " + report, e);
      }
    }
    if (!paths.isEmpty()) {
      send(entry, kind, paths, parts, sent);
    }
  }

  private void send(
      LedgerEntry entry,
      ChangeKind kind,
      List<String> paths,
      Parts parts,
      Deque<RunEvents.Sent> sent) {
    if (sent.size() == IN_FLIGHT) {
      sent.removeFirst().await();
    }
    sent.addLast(
        events.send(
            new RunChangeList(
                entry.runId(), entry.planId(), entry.attempt(), kind, parts.next(kind), paths)));
  }
}
