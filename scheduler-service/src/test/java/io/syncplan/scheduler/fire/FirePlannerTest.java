package io.syncplan.scheduler.fire;

import static io.syncplan.scheduler.schedule.PlanFixtures.everyMinutes;
import static io.syncplan.scheduler.schedule.PlanFixtures.plan;
import static io.syncplan.scheduler.schedule.PlanFixtures.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.scheduler.config.SchedulerProperties;
import io.syncplan.scheduler.schedule.FireProgress;
import io.syncplan.scheduler.schedule.PlanSchedule;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FirePlannerTest {

  static final Instant CREATED = Instant.parse("2026-11-26T10:00:30Z");
  static final Instant FIRST = Instant.parse("2026-11-26T10:01:00Z");

  final FirePlanner planner =
      new FirePlanner(
          new SchedulerProperties(
              Duration.ofMillis(100),
              1000,
              Duration.ofSeconds(10),
              Duration.ofSeconds(1),
              Duration.ofHours(1),
              Duration.ofHours(1),
              Duration.ofSeconds(30),
              Duration.ofSeconds(30)));

  static PlanSchedule everyMinute(OverlapPolicy overlap) {
    return schedule(plan("p", 1, everyMinutes(1, overlap), false, CREATED));
  }

  @Test
  void dueTimeFiresOnTime() {
    FireDecision decision = planner.decide(everyMinute(OverlapPolicy.SKIP), FIRST.plusMillis(40));

    assertThat(decision.fireAt()).isEqualTo(FIRST);
    assertThat(decision.kind()).isEqualTo(FireKind.ON_TIME);
    assertThat(decision.progress()).isEqualTo(new FireProgress(FIRST, FIRST, null));
    assertThat(decision.missed()).isZero();
    assertThat(decision.coalesced()).isZero();
  }

  @Test
  void missedTimesWithinWindowBecomeOneRunAtTheLatestAndOlderOnesAreCountedMissed() {
    // Three hours late: 10:01 .. 13:01 are due; those before 12:01:30 are past the window.
    Instant now = FIRST.plus(Duration.ofHours(3)).plusSeconds(30);
    FireDecision decision = planner.decide(everyMinute(OverlapPolicy.SKIP), now);

    assertThat(decision.fireAt()).isEqualTo(Instant.parse("2026-11-26T13:01:00Z"));
    assertThat(decision.kind()).isEqualTo(FireKind.CATCH_UP);
    assertThat(decision.missed()).isEqualTo(121); // 10:01 .. 12:01
    assertThat(decision.coalesced()).isEqualTo(59); // 12:02 .. 13:01, less the one fired
    assertThat(decision.progress().doneThrough()).isEqualTo(decision.fireAt());
  }

  @Test
  void allTimesOlderThanWindowAreSkippedAndTheScheduleMovesOn() {
    PlanSchedule daily =
        schedule(
            plan(
                "p",
                1,
                new io.syncplan.contracts.plan.ScheduleSpec(
                    io.syncplan.contracts.plan.ScheduleType.DAILY,
                    null,
                    null,
                    java.time.LocalTime.of(2, 0),
                    null,
                    null,
                    false,
                    null,
                    "UTC",
                    null),
                false,
                CREATED));
    Instant now = Instant.parse("2026-11-28T09:00:00Z");
    FireDecision decision = planner.decide(daily, now);

    assertThat(decision.fires()).isFalse();
    assertThat(decision.missed()).isEqualTo(2);
    assertThat(daily.withProgress(decision.progress()).nextFireAt())
        .isEqualTo(Instant.parse("2026-11-29T02:00:00Z"));
  }

  @Test
  void activeRunSkipsDueFireUnderSkip() {
    PlanSchedule plan =
        everyMinute(OverlapPolicy.SKIP)
            .withActivity(
                everyMinute(OverlapPolicy.SKIP)
                    .activity()
                    .started("manual-1", FIRST.minusSeconds(5)));
    FireDecision decision = planner.decide(plan, FIRST.plusMillis(10));

    assertThat(decision.fires()).isFalse();
    assertThat(decision.skippedForOverlap()).isTrue();
    assertThat(plan.withProgress(decision.progress()).nextFireAt())
        .isEqualTo(FIRST.plusSeconds(60));
  }

  @Test
  void activeRunHoldsOneFireUnderQueueOneAndSkipsTheNext() {
    PlanSchedule plan =
        everyMinute(OverlapPolicy.QUEUE_ONE)
            .withActivity(
                everyMinute(OverlapPolicy.QUEUE_ONE)
                    .activity()
                    .started("r0", FIRST.minusSeconds(5)));
    FireDecision first = planner.decide(plan, FIRST.plusMillis(10));
    assertThat(first.fires()).isFalse();
    assertThat(first.queuedForOverlap()).isTrue();
    assertThat(first.progress().heldFireAt()).isEqualTo(FIRST);

    PlanSchedule holding = plan.withProgress(first.progress());
    FireDecision second = planner.decide(holding, FIRST.plusSeconds(60));
    assertThat(second.fires()).isFalse();
    assertThat(second.skippedForOverlap()).isTrue();
    assertThat(second.progress().heldFireAt()).isEqualTo(FIRST);
  }

  @Test
  void heldFireGoesOnceTheRunEnds() {
    PlanSchedule plan = everyMinute(OverlapPolicy.QUEUE_ONE);
    PlanSchedule holding =
        plan.withActivity(plan.activity().started("r0", FIRST))
            .withProgress(new FireProgress(FIRST, null, FIRST));
    PlanSchedule ended = holding.withActivity(holding.activity().finished("r0"));
    Instant now = FIRST.plusSeconds(20);

    assertThat(ended.dueAt(Duration.ofHours(1))).isEqualTo(FIRST);
    FireDecision decision = planner.decide(ended, now);
    assertThat(decision.fireAt()).isEqualTo(FIRST);
    assertThat(decision.kind()).isEqualTo(FireKind.RELEASED);
    assertThat(decision.progress().heldFireAt()).isNull();
  }

  @Test
  void runSilentForLongerThanStaleAfterNoLongerBlocks() {
    PlanSchedule plan = everyMinute(OverlapPolicy.SKIP);
    PlanSchedule busy = plan.withActivity(plan.activity().started("lost", CREATED));
    Instant now = CREATED.plus(Duration.ofHours(1)).plusSeconds(1);
    FireDecision decision =
        planner.decide(busy.withProgress(new FireProgress(now.minusSeconds(61), null, null)), now);

    assertThat(decision.fires()).isTrue();
    assertThat(decision.replacesStaleRuns()).isTrue();
  }

  @Test
  void heldFireOfAnEarlierScheduleIsVoid() {
    PlanSchedule plan = everyMinute(OverlapPolicy.QUEUE_ONE);
    PlanSchedule holding = plan.withProgress(new FireProgress(FIRST, null, FIRST));
    PlanSchedule changed =
        io.syncplan.scheduler.schedule.PlanFixtures.schedule(
            plan("p", 2, everyMinutes(5, OverlapPolicy.QUEUE_ONE), false, FIRST.plusSeconds(30)));

    assertThat(holding.heldFire()).isEqualTo(FIRST);
    assertThat(changed.withProgress(holding.progress()).heldFire()).isNull();
  }
}
