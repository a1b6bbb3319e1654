package io.syncplan.plan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.ScheduleType;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.testsupport.MutableClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanSyncMetricsTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(NOW);
  private final PlanSyncMetrics metrics = new PlanSyncMetrics(registry, clock);

  @Test
  void aPlanEveryFifteenMinutesIsOutOfSyncOnlyPastThirtyMinutesWithoutSuccess() {
    metrics.track(plan("p1", ScheduleSpec.everyMinutes(15), false, NOW.minus(minutes(31)), 2));
    assertThat(gauge(PlanSyncMetrics.OUT_OF_SYNC, "p1")).isEqualTo(1);

    metrics.track(plan("p1", ScheduleSpec.everyMinutes(15), false, NOW.minus(minutes(29)), 0));
    assertThat(gauge(PlanSyncMetrics.OUT_OF_SYNC, "p1")).isZero();

    clock.advance(minutes(2));
    assertThat(gauge(PlanSyncMetrics.OUT_OF_SYNC, "p1")).as("read at scrape time").isEqualTo(1);
  }

  @Test
  void aPausedPlanIsNeverOutOfSync() {
    metrics.track(plan("p2", ScheduleSpec.everyMinutes(15), true, NOW.minus(minutes(31)), 0));
    assertThat(gauge(PlanSyncMetrics.OUT_OF_SYNC, "p2")).isZero();
  }

  @Test
  void aManualPlanIsNeverOutOfSync() {
    metrics.track(plan("p3", null, false, NOW.minus(Duration.ofDays(30)), 0));
    assertThat(gauge(PlanSyncMetrics.OUT_OF_SYNC, "p3")).isZero();
  }

  @Test
  void aPlanThatNeverSucceededCountsFromItsCreation() {
    metrics.track(
        plan("p4", ScheduleSpec.everyMinutes(15), false, null, 3, NOW.minus(minutes(10))));
    assertThat(gauge(PlanSyncMetrics.OUT_OF_SYNC, "p4")).isZero();
    assertThat(gauge(PlanSyncMetrics.LAST_SUCCESS, "p4")).isNaN();

    clock.advance(minutes(21));
    assertThat(gauge(PlanSyncMetrics.OUT_OF_SYNC, "p4")).isEqualTo(1);
  }

  @Test
  void aWeeklyPlansIntervalIsTheGapBetweenItsNextTwoFireTimes() {
    // Thursday noon; fires Monday and Wednesday at 06:00: next Monday, then Wednesday: two days.
    ScheduleSpec weekly =
        new ScheduleSpec(
            ScheduleType.WEEKLY,
            null,
            null,
            LocalTime.of(6, 0),
            List.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY),
            null,
            false,
            null,
            "UTC",
            null);
    metrics.track(plan("p5", weekly, false, NOW.minus(Duration.ofDays(3)), 0));
    assertThat(gauge(PlanSyncMetrics.OUT_OF_SYNC, "p5")).isZero();
    metrics.track(plan("p5", weekly, false, NOW.minus(Duration.ofDays(4).plusMinutes(1)), 0));
    assertThat(gauge(PlanSyncMetrics.OUT_OF_SYNC, "p5")).isEqualTo(1);
  }

  @Test
  void aMonthlyPlanOnThe31stIsExpectedOnTheLastDayOfShorterMonths() {
    // 1 February 2027: it fires on 28 February, then 31 March, a month apart (not 31 March, then
    // 31 May), so 70 days without success is more than twice its interval.
    ScheduleSpec monthly = calendar(ScheduleType.MONTHLY, LocalTime.of(6, 0), 31, "UTC");
    assertThat(outOfSync(monthly, "2027-02-01T12:00:00Z", Duration.ofDays(70))).isEqualTo(1);
  }

  @Test
  void aDailyPlanIsNotOutOfSyncOnTheDayClocksGoBack() {
    // 25 October 2026 in Berlin: 02:30 happens twice but fires once, so the plan's interval is
    // 25 hours that day, not the hour between the two 02:30s.
    ScheduleSpec daily = calendar(ScheduleType.DAILY, LocalTime.of(2, 30), null, "Europe/Berlin");
    assertThat(outOfSync(daily, "2026-10-24T12:00:00Z", Duration.ofHours(3))).isZero();
  }

  private static ScheduleSpec calendar(
      ScheduleType type, LocalTime time, Integer dayOfMonth, String zone) {
    return new ScheduleSpec(type, null, null, time, null, dayOfMonth, false, null, zone, null);
  }

  /** The gauge of a plan with this schedule, read at {@code now}, last successful that long ago. */
  private double outOfSync(ScheduleSpec schedule, String now, Duration sinceSuccess) {
    clock.set(Instant.parse(now));
    metrics.track(plan("p8", schedule, false, clock.instant().minus(sinceSuccess), 0));
    return gauge(PlanSyncMetrics.OUT_OF_SYNC, "p8");
  }

  @Test
  void lastSuccessAndFailuresAreReportedAndADeletedPlansGaugesGo() {
    Instant success = NOW.minus(minutes(5));
    metrics.track(plan("p6", ScheduleSpec.everyMinutes(15), false, success, 4));
    assertThat(gauge(PlanSyncMetrics.LAST_SUCCESS, "p6"))
        .isEqualTo(success.getEpochSecond(), org.assertj.core.data.Offset.offset(0.001));
    assertThat(gauge(PlanSyncMetrics.CONSECUTIVE_FAILURES, "p6")).isEqualTo(4);
    assertThat(registry.get(PlanSyncMetrics.OUT_OF_SYNC).tag("plan_id", "p6").gauge().getId())
        .satisfies(id -> assertThat(id.getTag("plan")).isEqualTo("plan p6"));

    metrics.track(deleted(plan("p6", ScheduleSpec.everyMinutes(15), false, success, 4)));
    assertThat(registry.find(PlanSyncMetrics.OUT_OF_SYNC).tag("plan_id", "p6").gauges()).isEmpty();
    assertThat(registry.find(PlanSyncMetrics.LAST_SUCCESS).tag("plan_id", "p6").gauges()).isEmpty();
    assertThat(registry.find(PlanSyncMetrics.CONSECUTIVE_FAILURES).tag("plan_id", "p6").gauges())
        .isEmpty();
  }

  @Test
  void aRenamedPlanIsReportedUnderItsNewNameOnly() {
    metrics.track(plan("p7", ScheduleSpec.everyMinutes(15), false, NOW, 0));
    metrics.track(renamed(plan("p7", ScheduleSpec.everyMinutes(15), false, NOW, 0), "nightly"));
    assertThat(registry.find(PlanSyncMetrics.OUT_OF_SYNC).tag("plan_id", "p7").gauges())
        .singleElement()
        .satisfies(g -> assertThat(g.getId().getTag("plan")).isEqualTo("nightly"));
  }

  private double gauge(String name, String planId) {
    Gauge gauge = registry.get(name).tag("plan_id", planId).gauge();
    return gauge.value();
  }

  private static Duration minutes(int minutes) {
    return Duration.ofMinutes(minutes);
  }

  private static PlanDocument plan(
      String id, ScheduleSpec schedule, boolean paused, Instant lastSuccess, int failures) {
    return plan(id, schedule, paused, lastSuccess, failures, NOW.minus(Duration.ofDays(7)));
  }

  private static PlanDocument plan(
      String id,
      ScheduleSpec schedule,
      boolean paused,
      Instant lastSuccess,
      int failures,
      Instant createdAt) {
    return document(
        snapshot(id, "plan " + id, schedule, paused), createdAt, false, lastSuccess, failures);
  }

  private static PlanDocument deleted(PlanDocument document) {
    return document(
        document.plan(),
        document.createdAt(),
        true,
        document.lastSuccessAt(),
        document.consecutiveFailures());
  }

  private static PlanDocument renamed(PlanDocument document, String name) {
    PlanSnapshot plan = document.plan();
    return document(
        snapshot(plan.id(), name, plan.schedule(), plan.paused()),
        document.createdAt(),
        false,
        document.lastSuccessAt(),
        document.consecutiveFailures());
  }

  private static PlanDocument document(
      PlanSnapshot plan, Instant createdAt, boolean deleted, Instant lastSuccess, int failures) {
    return new PlanDocument(
        plan.id(),
        plan,
        plan.name(),
        List.of(),
        createdAt,
        deleted,
        null,
        null,
        null,
        null,
        NOW,
        List.of(),
        lastSuccess,
        failures,
        null,
        null);
  }

  private static PlanSnapshot snapshot(
      String id, String name, ScheduleSpec schedule, boolean paused) {
    return new PlanSnapshot(
        id,
        1,
        name,
        null,
        List.of(),
        Endpoint.local("/data/" + id),
        Endpoint.local("/backup/" + id),
        SyncMode.MIRROR,
        schedule,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Priority.NORMAL,
        null,
        paused,
        NOW,
        null,
        null,
        null,
        null);
  }
}
