package io.syncplan.plan.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.run.HookRan;
import io.syncplan.contracts.run.ResyncNeeded;
import io.syncplan.contracts.run.RunChangeList;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunProgress;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunRetrying;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.plan.PlanReports;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Applies run events to the run history. Each event is applied so that applying it twice, or after
 * a later one, changes nothing: a final status is never replaced, and a run never goes back to
 * QUEUED.
 */
@Component
class RunHistory {

  private static final List<RunStatus> FINAL =
      Arrays.stream(RunStatus.values()).filter(RunStatus::isFinal).toList();

  private final ReactiveMongoTemplate mongo;
  private final PlanReports reports;
  private final AutoVerify autoVerify;
  private final RunChangeParts changeParts;

  RunHistory(
      ReactiveMongoTemplate mongo,
      PlanReports reports,
      AutoVerify autoVerify,
      RunChangeParts changeParts) {
    this.mongo = mongo;
    this.reports = reports;
    this.autoVerify = autoVerify;
    this.changeParts = changeParts;
  }

  /** Applies the event; live streams get it from {@link RunEventHub}, not from here. */
  Mono<Void> apply(Envelope<? extends Message> envelope) {
    Message payload = envelope.payload();
    Mono<Void> afterwards =
        payload instanceof RunFinished finished
            ? reports.runFinished(finished).then(autoVerify.after(finished))
            : payload instanceof ResyncNeeded needed ? reports.resyncNeeded(needed) : Mono.empty();
    return record(envelope).then(afterwards);
  }

  private Mono<Void> record(Envelope<? extends Message> envelope) {
    Message payload = envelope.payload();
    Instant at = envelope.occurredAt();
    if (payload instanceof RunQueued queued) {
      return upsert(
          query(where("_id").is(queued.runId())),
          new Update()
              .setOnInsert("planId", queued.planId())
              .setOnInsert("status", RunStatus.QUEUED)
              .setOnInsert("trigger", queued.trigger())
              .setOnInsert("priority", queued.priority())
              .setOnInsert("dryRun", queued.dryRun())
              .setOnInsert("requestedAt", at)
              .setOnInsert("scheduledAt", queued.scheduledAt())
              .setOnInsert("triggeredBy", queued.triggeredBy())
              .setOnInsert("kind", queued.kind())
              .setOnInsert("attempts", 0)
              .set("updatedAt", at));
    }
    if (payload instanceof RunStarted started) {
      String entry = "attemptLog." + started.attempt();
      return upsert(
          notFinal(started.runId()),
          new Update()
              .setOnInsert("planId", started.planId())
              .setOnInsert("requestedAt", at)
              // a run first seen started (its queued event late or lost) must still be readable
              .setOnInsert("dryRun", false)
              .set("status", RunStatus.RUNNING)
              .min("startedAt", started.startedAt())
              .max("attempts", started.attempt())
              .set(entry + ".attempt", started.attempt())
              .set(entry + ".executorId", started.executorId())
              .set(entry + ".startedAt", started.startedAt())
              .unset("nextAttemptAt")
              .set("updatedAt", at));
    }
    if (payload instanceof RunChangeList list) {
      return changeParts.store(list);
    }
    if (payload instanceof RunProgress progress) {
      return mongo
          .updateFirst(
              notFinal(progress.runId()),
              new Update().set("progress", ProgressRecord.of(progress, at)).set("updatedAt", at),
              RunDocument.class)
          .then();
    }
    if (payload instanceof HookRan ran) {
      return upsert(
          notFinal(ran.runId()),
          new Update()
              .setOnInsert("planId", ran.planId())
              .setOnInsert("requestedAt", at)
              .setOnInsert("dryRun", false)
              .setOnInsert("status", RunStatus.QUEUED)
              .set("hookLog." + ran.index(), HookRecord.of(ran))
              .set("updatedAt", at));
    }
    if (payload instanceof RunRetrying retrying) {
      String entry = "attemptLog." + retrying.attempt();
      return upsert(
          notFinal(retrying.runId()),
          new Update()
              .setOnInsert("planId", retrying.planId())
              .setOnInsert("requestedAt", at)
              .setOnInsert("dryRun", false)
              .set("status", RunStatus.RETRYING)
              .max("attempts", retrying.attempt())
              .set(entry + ".attempt", retrying.attempt())
              .set(entry + ".endedAt", at)
              .set(entry + ".failure", retrying.reason())
              .set("nextAttemptAt", retrying.nextAttemptAt())
              .set("updatedAt", at));
    }
    if (payload instanceof RunFinished finished) {
      Update update =
          new Update()
              .setOnInsert("planId", finished.planId())
              .setOnInsert("requestedAt", at)
              .set("kind", finished.kind())
              .set("status", finished.status())
              .set("finishedAt", finished.finishedAt())
              .max("attempts", finished.attempts())
              .set("stats", finished.stats())
              .set("changes", finished.changes())
              .set("dryRun", finished.dryRun())
              .unset("nextAttemptAt")
              .set("updatedAt", at);
      if (finished.startedAt() != null) {
        update.min("startedAt", finished.startedAt());
      }
      if (finished.error() != null) {
        update.set("error", finished.error());
      }
      return upsert(notFinal(finished.runId()), update);
    }
    return Mono.empty();
  }

  private static Query notFinal(String runId) {
    return query(where("_id").is(runId).and("status").nin(FINAL));
  }

  /**
   * Upserts where the run is not final yet. When it is, the query finds nothing, the upsert tries
   * to insert a second document with the same id and fails: that means "already final", which is
   * what we want.
   */
  private Mono<Void> upsert(Query query, Update update) {
    return mongo
        .upsert(query, update, RunDocument.class)
        .then()
        .onErrorResume(DuplicateKeyException.class, duplicate -> Mono.empty());
  }
}
