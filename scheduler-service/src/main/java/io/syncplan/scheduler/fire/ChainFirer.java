package io.syncplan.scheduler.fire;

import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RunOutcome;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.contracts.run.TriggeringRun;
import io.syncplan.scheduler.config.SchedulerProperties;
import io.syncplan.scheduler.fire.BatchSender.Outgoing;
import io.syncplan.scheduler.fire.ChainMetrics.Skip;
import io.syncplan.scheduler.schedule.ActivityWrites;
import io.syncplan.scheduler.schedule.ChainIndex.Follower;
import io.syncplan.scheduler.schedule.PlanSchedule;
import io.syncplan.scheduler.schedule.RunActivity;
import io.syncplan.scheduler.schedule.RunIds;
import io.syncplan.scheduler.schedule.ScheduleBook;
import io.syncplan.scheduler.schedule.ScheduleStore;
import io.syncplan.scheduler.schedule.ScheduleStore.ActivityWrite;
import io.syncplan.support.CommandTopics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts the plans that finished runs start (their {@code trigger.after}), on the firing replica,
 * from the run events listener: a chained run's id is made of the plan and the run that triggered
 * it, so a run event read twice (redelivered, or read again by a replica taking over) names the
 * same run, which the executors run once.
 *
 * <p>A chained run is a run of its plan like any other: not sent while the plan is paused, and
 * counted for its overlap policy: with SKIP it is not sent while the plan has a run active, with
 * QUEUE_ONE it waits for the active run at the executors, one at most. It is active from the moment
 * its command is on Kafka. A chain that leads around a cycle (two plans saved at one moment could
 * close one) is not followed. Dry runs start nothing.
 */
@Component
public class ChainFirer {

  private static final Logger log = LoggerFactory.getLogger(ChainFirer.class);

  private final ScheduleBook book;
  private final ScheduleStore store;
  private final BatchSender sender;
  private final CommandTopics commandTopics;
  private final ActivityWrites activityWrites;
  private final ChainMetrics metrics;
  private final SchedulerProperties properties;
  private final Clock clock;

  ChainFirer(
      ScheduleBook book,
      ScheduleStore store,
      BatchSender sender,
      CommandTopics commandTopics,
      ActivityWrites activityWrites,
      ChainMetrics metrics,
      SchedulerProperties properties,
      Clock clock) {
    this.book = book;
    this.store = store;
    this.sender = sender;
    this.commandTopics = commandTopics;
    this.activityWrites = activityWrites;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
  }

  /** A plan a finished run starts. */
  private record Candidate(String planId, RunFinished cause) {}

  /**
   * Sends the runs these finished runs start and records them as active; returns once Kafka has
   * them all.
   *
   * @throws IllegalStateException when Kafka did not take every command, so that the batch of run
   *     events is read again (the commands Kafka took are sent again under the same ids)
   */
  public void fire(List<RunFinished> finished) {
    List<Candidate> candidates = new ArrayList<>();
    for (RunFinished run : finished) {
      if (run.dryRun()) {
        continue;
      }
      RunOutcome outcome = RunOutcome.of(run.status());
      for (Follower follower : book.followers(run.planId())) {
        if (follower.on().contains(outcome)) {
          candidates.add(new Candidate(follower.planId(), run));
        }
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    Duration timeout = properties.sendTimeout().plusSeconds(30);
    Map<String, PlanSnapshot> snapshots =
        store
            .snapshots(candidates.stream().map(Candidate::planId).distinct().toList())
            .block(timeout);
    List<RunRequested> commands = decide(candidates, snapshots, clock.instant());
    if (commands.isEmpty()) {
      return;
    }
    List<Outgoing> messages = new ArrayList<>();
    for (RunRequested command : commands) {
      String pool = command.plan().pool();
      messages.add(new Outgoing(commandTopics.ensure(pool).block(timeout), command));
    }
    List<Instant> acks = sender.send(messages).block(timeout);
    record(commands, acks);
  }

  /** The commands to send, each candidate checked against its plan as it is now. */
  private List<RunRequested> decide(
      List<Candidate> candidates, Map<String, PlanSnapshot> snapshots, Instant now) {
    List<RunRequested> commands = new ArrayList<>();
    Map<String, Integer> sentNow = new HashMap<>();
    for (Candidate candidate : candidates) {
      RunFinished cause = candidate.cause();
      String runId = RunIds.chained(candidate.planId(), cause.runId());
      PlanSchedule schedule = book.get(candidate.planId());
      PlanSnapshot plan = snapshots.get(candidate.planId());
      if (schedule == null || schedule.deleted() || plan == null) {
        continue; // deleted this very moment
      }
      RunActivity activity = schedule.activity();
      if (activity.isRunning(runId) || activity.hasFinished(runId)) {
        continue; // sent already: this run event was read before
      }
      if (plan.paused()) {
        metrics.skipped(Skip.PAUSED);
        continue;
      }
      if (book.leadsTo(candidate.planId(), cause.planId())) {
        log.warn(
            "Plan {} not started after run {}: its chain leads back to plan {} (a cycle)",
            candidate.planId(),
            cause.runId(),
            cause.planId());
        metrics.skipped(Skip.CYCLE);
        continue;
      }
      int alreadySent = sentNow.getOrDefault(candidate.planId(), 0);
      if (busy(schedule, activity, alreadySent, now)) {
        metrics.skipped(Skip.OVERLAP);
        continue;
      }
      sentNow.merge(candidate.planId(), 1, Integer::sum);
      commands.add(
          new RunRequested(
              runId,
              RunTrigger.CHAINED,
              cause.finishedAt() == null ? now : cause.finishedAt(),
              plan.priority(),
              false,
              plan,
              new TriggeringRun(cause.planId(), cause.runId(), cause.status())));
    }
    return commands;
  }

  /**
   * Whether the plan has a run active (or one sent in this batch) that its overlap policy does not
   * let another run wait for.
   */
  private boolean busy(PlanSchedule schedule, RunActivity activity, int sentNow, Instant now) {
    int active = (activity.isActive(now, properties.staleRunAfter()) ? activity.activeCount() : 0);
    int running = active + sentNow;
    if (running == 0) {
      return false;
    }
    if (schedule.overlap() == OverlapPolicy.QUEUE_ONE) {
      // one run active, none waiting yet (a held fire waits too): this one may wait
      return running > 1 || schedule.heldFire() != null;
    }
    return true;
  }

  /** Records the commands Kafka took as active runs; fails if it did not take them all. */
  private void record(List<RunRequested> commands, List<Instant> acks) {
    Instant now = clock.instant();
    Map<String, Set<String>> started = new HashMap<>();
    int failed = 0;
    for (int i = 0; i < commands.size(); i++) {
      RunRequested command = commands.get(i);
      if (acks.get(i) == null) {
        failed++;
        continue;
      }
      metrics.started();
      started.computeIfAbsent(command.planId(), id -> new LinkedHashSet<>()).add(command.runId());
    }
    if (!started.isEmpty()) {
      activityWrites.inTurn(
          () -> {
            List<ActivityWrite> writes = new ArrayList<>();
            started.forEach(
                (planId, runIds) -> {
                  writes.add(new ActivityWrite(planId, runIds, Set.of()));
                  book.updateIfPresent(
                      planId,
                      plan -> {
                        RunActivity activity = plan.activity();
                        for (String runId : runIds) {
                          activity = activity.started(runId, now);
                        }
                        return plan.withActivity(activity);
                      });
                });
            store.saveActivity(writes).block(properties.sendTimeout().plusSeconds(30));
          });
    }
    if (failed > 0) {
      throw new IllegalStateException(
          "Kafka did not take " + failed + " chained run commands; the run events are read again");
    }
  }
}
