package io.syncplan.executor;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.VerifyMethod;
import io.syncplan.contracts.run.RestoreSpec;
import io.syncplan.contracts.run.RestoreTarget;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunKind;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.contracts.run.VerifySpec;
import io.syncplan.testsupport.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** Restore and verify runs asked of the executors as plan-service asks for them. */
public final class HistoryRuns {

  private final RunDriver runs;

  public HistoryRuns(RunDriver runs) {
    this.runs = runs;
  }

  public RunFinished restore(PlanSnapshot plan, RestoreSpec restore) {
    return restore(plan, restore, false);
  }

  public RunFinished restore(PlanSnapshot plan, RestoreSpec restore, boolean dryRun) {
    String runId = "restore-" + UUID.randomUUID();
    runs.send(
        new RunRequested(
            runId,
            RunTrigger.MANUAL,
            Instant.now(),
            null,
            dryRun,
            plan,
            RunKind.RESTORE,
            restore,
            null),
        plan.pool());
    return runs.awaitFinished(runId);
  }

  public RunFinished verify(PlanSnapshot plan, VerifyMethod method) {
    String runId = "verify-" + UUID.randomUUID();
    runs.send(
        new RunRequested(
            runId,
            RunTrigger.MANUAL,
            Instant.now(),
            null,
            false,
            plan,
            RunKind.VERIFY,
            null,
            new VerifySpec(method)),
        plan.pool());
    return runs.awaitFinished(runId);
  }

  /** Every file below {@code root} with its contents, outside a top folder left out (if any). */
  public static SortedMap<String, String> contents(Path root, String... leftOut) {
    SortedMap<String, String> contents = new TreeMap<>();
    for (String file : FileTrees.snapshot(root, leftOut.length == 0 ? null : leftOut[0]).keySet()) {
      try {
        contents.put(file, Files.readString(root.resolve(file)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return contents;
  }

  /** A restore of {@code path} as it was at {@code asOf} into a local folder. */
  public static RestoreSpec asOf(String path, Instant asOf, Path into) {
    return new RestoreSpec(
        path, asOf, null, RestoreTarget.at(Endpoint.local(into.toString())), false, false);
  }

  /** A restore of what {@code revision} holds below {@code path} into a local folder. */
  public static RestoreSpec ofRevision(String path, String revision, Path into) {
    return new RestoreSpec(
        path, null, revision, RestoreTarget.at(Endpoint.local(into.toString())), false, false);
  }
}
