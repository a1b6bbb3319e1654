package io.syncplan.plan.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.VerifyAfter;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunKind;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.contracts.run.VerifySpec;
import io.syncplan.plan.plan.PlanDocument;
import io.syncplan.plan.plan.PlanNotFoundException;
import io.syncplan.plan.plan.PlanService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Verifications a plan asks for by itself ({@code verify.after}): after each successful sync run
 * (EVERY_RUN), or once a day (DAILY, UTC) when it has synced successfully and was not verified in
 * the last 24 hours. Each is a VERIFY run whose id comes from what caused it ({@code
 * verify-after-<run>}, {@code verify-daily-<plan>-<date>}), so a redelivered event or a second
 * instance of plan-service asks for it once: the second insert of the same run id fails.
 */
@Component
class AutoVerify implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(AutoVerify.class);
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private final PlanService plans;
  private final RunService runs;
  private final ReactiveMongoTemplate mongo;
  private final Clock clock;
  private final Duration dailyCheck;

  AutoVerify(
      PlanService plans,
      RunService runs,
      ReactiveMongoTemplate mongo,
      Clock clock,
      AutoVerifyProperties properties) {
    this.plans = plans;
    this.runs = runs;
    this.mongo = mongo;
    this.clock = clock;
    this.dailyCheck = properties.dailyCheck();
  }

  /** A look for DAILY plans due every {@code daily-check}, the first one check after the start. */
  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::daily, dailyCheck, dailyCheck));
  }

  /** After a run finished: a successful sync of an EVERY_RUN plan is verified. */
  Mono<Void> after(RunFinished finished) {
    if (finished.kind() != RunKind.SYNC
        || finished.dryRun()
        || finished.status() != RunStatus.SUCCEEDED) {
      return Mono.empty();
    }
    return plans
        .get(finished.planId())
        .onErrorResume(PlanNotFoundException.class, gone -> Mono.empty())
        .filter(plan -> !plan.deleted() && plan.plan().verify().after() == VerifyAfter.EVERY_RUN)
        .flatMap(plan -> request(plan, "verify-after-" + finished.runId()));
  }

  void daily() {
    try {
      dailyOnce().block(TIMEOUT);
    } catch (RuntimeException e) {
      log.warn("Could not look for plans due a daily verification: {}", e.toString());
    }
  }

  /** One pass: asks for the verification of every DAILY plan that is due one. */
  Mono<Void> dailyOnce() {
    Instant now = clock.instant();
    Criteria due =
        where("plan.verify.after")
            .is(VerifyAfter.DAILY)
            .and("deleted")
            .is(false)
            .and("lastSuccessAt")
            .ne(null)
            .orOperator(
                where("lastVerification").is(null),
                where("lastVerification.finishedAt").lt(now.minus(DAY)));
    String today = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
    return mongo
        .find(query(due), PlanDocument.class)
        .concatMap(plan -> request(plan, "verify-daily-" + plan.id() + "-" + today))
        .then();
  }

  private Mono<Void> request(PlanDocument plan, String runId) {
    RunRequested command =
        new RunRequested(
            runId,
            RunTrigger.SCHEDULE,
            clock.instant(),
            Priority.LOW,
            false,
            plan.plan(),
            RunKind.VERIFY,
            null,
            new VerifySpec(plan.plan().verify().method()));
    return runs.request(plan, command)
        .doOnNext(run -> log.info("Plan {}: verification {} asked for", plan.id(), runId))
        .onErrorResume(DuplicateKeyException.class, already -> Mono.empty())
        .then();
  }
}
