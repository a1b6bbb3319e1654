package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.plan.outbox.OutboxRelay;
import io.syncplan.plan.outbox.PendingMessage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A plan as stored: its current snapshot, what the rest of the system reported about it, and the
 * messages its changes produced that are not yet on Kafka (the outbox). Every change to the plan
 * and its messages is one write of this one document.
 *
 * @param nameKey the name in lower case, unique among live plans; a deleted plan gives its name up
 * @param storageIds the storages the plan's endpoints use, to find the plans of a storage
 * @param init whether an executor prepared the plan's destination
 * @param lastRun the latest finished run
 * @param schedule when the scheduler fires the plan next
 * @param modifiedAt when this document last changed in any way; the plan list follows it
 * @param lastSuccessAt when the latest successful run finished; null if none did yet
 * @param consecutiveFailures failed (or partial) runs since the last successful one
 * @param needsResync for a BISYNC plan whose state cannot be trusted, why; null otherwise
 */
@Document(OutboxRelay.COLLECTION)
@CompoundIndex(name = "started_by", def = "{'plan.trigger.after.planId': 1}")
// the outbox relay's sweep: the plans with messages waiting (outboxBytes is kept beside outbox)
@CompoundIndex(name = "outbox_pending", def = "{'" + OutboxRelay.OUTBOX_BYTES + "': 1}")
public record PlanDocument(
    @Id String id,
    PlanSnapshot plan,
    @Indexed(unique = true) String nameKey,
    @Indexed List<String> storageIds,
    Instant createdAt,
    boolean deleted,
    @Indexed Instant deletedAt,
    Initialization init,
    LastRun lastRun,
    ScheduleState schedule,
    @Indexed Instant modifiedAt,
    List<PendingMessage> outbox,
    Instant lastSuccessAt,
    Integer consecutiveFailures,
    NeedsResync needsResync,
    LastVerification lastVerification) {

  public PlanDocument {
    // Plans stored before the field existed have none: they count from zero.
    consecutiveFailures = consecutiveFailures == null ? 0 : consecutiveFailures;
    storageIds = storageIds == null ? List.of() : List.copyOf(storageIds);
    outbox = outbox == null ? List.of() : List.copyOf(outbox);
  }

  /** A plan as first stored: waiting for initialisation, with the messages its creation makes. */
  static PlanDocument created(
      PlanSnapshot plan, List<String> storageIds, Instant at, List<PendingMessage> outbox) {
    return new PlanDocument(
        plan.id(),
        plan,
        nameKey(plan.name()),
        storageIds,
        at,
        false,
        null,
        Initialization.pending(plan.version(), at),
        null,
        null,
        at,
        outbox,
        null,
        0,
        null,
        null);
  }

  static String nameKey(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  /** The key a deleted plan holds instead of its name, unique and never a plan name. */
  static String deletedNameKey(String id) {
    return "/deleted/" + id;
  }

  /** Where initialisation of a plan stands. */
  public enum InitState {
    PENDING,
    READY,
    INIT_FAILED
  }

  /**
   * @param planVersion the plan version this state is about; a result for an older version than the
   *     one last sent for initialisation is ignored
   */
  public record Initialization(InitState state, String reason, long planVersion, Instant at) {

    static Initialization pending(long planVersion, Instant at) {
      return new Initialization(InitState.PENDING, null, planVersion, at);
    }
  }

  /**
   * The latest finished run of a plan.
   *
   * @param reason why it did not succeed, a stable code such as {@code RCLONE_ERROR}; null after a
   *     success (and for runs recorded before the field existed)
   * @param message the reason in words, rclone's own where it gave them
   */
  public record LastRun(
      String runId,
      io.syncplan.contracts.run.RunStatus status,
      boolean dryRun,
      Instant startedAt,
      Instant finishedAt,
      String reason,
      String message) {}

  /**
   * Why a BISYNC plan's runs are refused until an operator resyncs it, from the executor's {@code
   * plan.needs-resync}; a successful run after it (its resync) ends it.
   *
   * @param reason {@code STATE_MISSING}, {@code STATE_CORRUPT} or {@code CRITICAL_ABORT}
   * @param message what happened, in words
   * @param since when the executor found it
   * @param runId the run that found it
   */
  public record NeedsResync(String reason, String message, Instant since, String runId) {}

  /**
   * The latest finished verification of the plan's destination (a VERIFY run).
   *
   * @param status SUCCEEDED when the destination matched, PARTIAL when it differed (one that could
   *     not compare is not recorded)
   * @param differences files differing, missing at or extra at the destination
   */
  public record LastVerification(
      String runId,
      io.syncplan.contracts.run.RunStatus status,
      Instant finishedAt,
      long differences) {}

  /** The scheduler's view of a plan, from {@code ScheduleUpdated}. */
  public record ScheduleState(long planVersion, Instant nextRunAt, Instant lastFiredAt) {}
}
