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
import java.util.ArrayList;
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
 */
@Component
class ChangeListPublisher {

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
    List<Path> moved = new ArrayList<>();
    for (ChangeKind kind : List.of(ChangeKind.ADDED, ChangeKind.MODIFIED, ChangeKind.DELETED)) {
      if (kind == ChangeKind.DELETED && (heldBack || !transfer.mode().deletesAtDestination())) {
        continue;
      }
      Path report = ChangeReports.report(transfer.reports(), kind);
      publish(entry, kind, List.of(report), parts);
      if (kind != ChangeKind.ADDED) {
        moved.add(report);
      }
    }
    if (transfer.backupDir() != null) {
      publish(entry, ChangeKind.MOVED_TO_REVISIONS, moved, parts);
    }
  }

  private void publish(LedgerEntry entry, ChangeKind kind, List<Path> reports, Parts parts) {
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
            send(entry, kind, paths, parts);
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
      send(entry, kind, paths, parts);
    }
  }

  private void send(LedgerEntry entry, ChangeKind kind, List<String> paths, Parts parts) {
    events.publish(
        new RunChangeList(
            entry.runId(), entry.planId(), entry.attempt(), kind, parts.next(kind), paths));
  }
}
