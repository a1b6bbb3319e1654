package io.syncplan.scheduler.schedule;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.scheduler.config.SchedulerProperties;
import io.syncplan.support.CommandTopics;
import io.syncplan.support.MessagePublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every tick, on the one replica holding the lock, sends a run command for each schedule that is
 * due and moves the schedule to its next fire time. A schedule is moved on only after its command
 * is on Kafka, and only if nobody moved it meanwhile, so a fire is never lost; a fire sent twice
 * carries the same run id and runs once.
 */
@Component
class DueScheduleFirer {

  private static final Logger log = LoggerFactory.getLogger(DueScheduleFirer.class);
  static final String LOCK_NAME = "fire-due-schedules";

  private final ReactiveMongoTemplate mongo;
  private final MessagePublisher publisher;
  private final CommandTopics commandTopics;
  private final LockingTaskExecutor locks;
  private final SchedulerProperties properties;
  private final Clock clock;

  DueScheduleFirer(
      ReactiveMongoTemplate mongo,
      MessagePublisher publisher,
      CommandTopics commandTopics,
      LockingTaskExecutor locks,
      SchedulerProperties properties,
      Clock clock) {
    this.mongo = mongo;
    this.publisher = publisher;
    this.commandTopics = commandTopics;
    this.locks = locks;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${syncplan.scheduler.tick:250ms}")
  void tick() {
    // The lock is about real time between replicas, so it runs on ShedLock's own clock; which
    // schedules are due is decided by the injected one.
    locks.executeWithLock(
        (Runnable) this::fireDue,
        new LockConfiguration(
            ClockProvider.now(), LOCK_NAME, properties.lockAtMostFor(), Duration.ZERO));
  }

  void fireDue() {
    Instant now = clock.instant();
    Long fired =
        mongo
            .find(
                query(where("nextFireAt").lte(now))
                    .with(Sort.by("nextFireAt"))
                    .limit(properties.batchSize()),
                ScheduleDocument.class)
            .concatMap(schedule -> fire(schedule, now))
            .count()
            .block(properties.lockAtMostFor());
    if (fired != null && fired > 0) {
      log.debug("Fired {} schedules", fired);
    }
  }

  private Mono<Void> fire(ScheduleDocument schedule, Instant now) {
    PlanSnapshot plan = schedule.plan();
    Instant scheduledAt = schedule.nextFireAt();
    RunRequested command =
        new RunRequested(
            RunIds.scheduled(plan.id(), scheduledAt),
            RunTrigger.SCHEDULE,
            scheduledAt,
            plan.priority(),
            false,
            plan);
    Instant next = FireTimes.next(plan.schedule(), now);
    return commandTopics
        .ensure(plan.pool())
        .flatMap(topic -> publisher.publish(topic, command))
        .then(
            mongo.updateFirst(
                query(where("_id").is(plan.id()).and("nextFireAt").is(scheduledAt)),
                new Update().set("nextFireAt", next).set("lastFiredAt", scheduledAt),
                ScheduleDocument.class))
        .doOnSuccess(
            result -> log.info("Plan {} fired for {}, next at {}", plan.id(), scheduledAt, next))
        .onErrorResume(
            error -> {
              log.warn(
                  "Plan {}: fire for {} not sent, will retry: {}",
                  plan.id(),
                  scheduledAt,
                  error.toString());
              return Mono.empty();
            })
        .then();
  }
}
