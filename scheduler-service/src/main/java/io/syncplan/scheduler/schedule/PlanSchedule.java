package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.TriggerSpec;
import io.syncplan.contracts.schedule.FireSchedule;
import io.syncplan.contracts.schedule.FireTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything the scheduler keeps in memory about one plan: its schedule, how far the schedule has
 * been worked through, and its active runs. Immutable; every change makes a new one. The plan
 * snapshot itself stays in MongoDB and is read only when a command is built.
 */
public final class PlanSchedule {

  private final String planId;
  private final long planVersion;
  private final ScheduleSpec spec;
  private final FireSchedule times;
  private final boolean paused;
  private final boolean deleted;
  private final String pool;
  private final Priority priority;
  private final TriggerSpec trigger;
  private final Instant scheduleFrom;
  private final FireProgress progress;
  private final RunActivity activity;
  private final Published published;
  private final Instant nextFireAt;

  /** What was last published on the schedule-events topic for this plan. */
  public record Published(Instant nextFireAt) {}

  PlanSchedule(
      String planId,
      long planVersion,
      ScheduleSpec spec,
      FireSchedule times,
      boolean paused,
      boolean deleted,
      String pool,
      Priority priority,
      TriggerSpec trigger,
      Instant scheduleFrom,
      FireProgress progress,
      RunActivity activity,
      Published published) {
    this(
        planId,
        planVersion,
        spec,
        times,
        paused,
        deleted,
        pool,
        priority,
        trigger,
        scheduleFrom,
        progress,
        activity,
        published,
        null,
        false);
  }

  /** With {@code keepNext}, {@code nextFireAt} is taken as it is: nothing it depends on changed. */
  private PlanSchedule(
      String planId,
      long planVersion,
      ScheduleSpec spec,
      FireSchedule times,
      boolean paused,
      boolean deleted,
      String pool,
      Priority priority,
      TriggerSpec trigger,
      Instant scheduleFrom,
      FireProgress progress,
      RunActivity activity,
      Published published,
      Instant nextFireAt,
      boolean keepNext) {
    this.planId = Objects.requireNonNull(planId, "planId");
    this.planVersion = planVersion;
    this.spec = spec;
    this.times = times;
    this.paused = paused;
    this.deleted = deleted;
    this.pool = pool;
    this.priority = priority;
    this.trigger = trigger == null || trigger.isEmpty() ? TriggerSpec.NONE : trigger;
    this.scheduleFrom = Objects.requireNonNull(scheduleFrom, "scheduleFrom");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.activity = Objects.requireNonNull(activity, "activity");
    this.published = published;
    this.nextFireAt = keepNext ? nextFireAt : computeNextFireAt();
  }

  /**
   * The schedule after a plan change. The fire times count from the moment the plan's schedule took
   * effect: its creation, the last change to when it fires, or its resumption. Any other change (a
   * rename, a new overlap policy) keeps the pending fire.
   *
   * @param times the compiled schedule, or null when the plan has none or it is invalid
   * @param known how far a plan new to this book had already got (when rebuilding)
   */
  static PlanSchedule changed(
      PlanSchedule previous,
      PlanSnapshot plan,
      FireSchedule times,
      Instant now,
      FireProgress known) {
    Instant changedAt = plan.updatedAt() == null ? now : plan.updatedAt();
    boolean restarts =
        previous == null
            || previous.deleted
            || (previous.paused && !plan.paused())
            || !Objects.equals(timingOf(previous.spec), timingOf(plan.schedule()));
    return new PlanSchedule(
        plan.id(),
        plan.version(),
        SharedValues.spec(plan.schedule()),
        times,
        plan.paused(),
        false,
        SharedValues.pool(plan.pool()),
        plan.priority(),
        plan.trigger(),
        restarts ? changedAt : previous.scheduleFrom,
        previous == null ? known : previous.progress,
        previous == null ? RunActivity.NONE : previous.activity,
        previous == null ? null : previous.published);
  }

  private static ScheduleSpec timingOf(ScheduleSpec spec) {
    return spec == null ? null : FireTimes.timing(spec);
  }

  /** The plan was deleted: it never fires again; the deletion is still to be published. */
  PlanSchedule deleted(long version) {
    return new PlanSchedule(
        planId,
        version,
        spec,
        null,
        paused,
        true,
        pool,
        priority,
        trigger,
        scheduleFrom,
        progress,
        activity,
        published);
  }

  public PlanSchedule withProgress(FireProgress progress) {
    return copy(progress, activity, published, nextFireAt, false);
  }

  /**
   * With new progress whose next fire time was worked out on {@code decidedOn}; taken as it is if
   * this plan's timing is still the same as then, worked out again if the plan changed meanwhile.
   */
  public PlanSchedule withProgress(
      FireProgress progress, PlanSchedule decidedOn, Instant nextFireAt) {
    boolean sameTiming =
        times == decidedOn.times
            && paused == decidedOn.paused
            && deleted == decidedOn.deleted
            && scheduleFrom.equals(decidedOn.scheduleFrom);
    return sameTiming
        ? copy(progress, activity, published, nextFireAt, true)
        : withProgress(progress);
  }

  public PlanSchedule withActivity(RunActivity activity) {
    return copy(progress, activity, published, nextFireAt, true);
  }

  /** Records that the schedule-events topic now shows {@code shown} as the next fire time. */
  public PlanSchedule withPublished(Instant shown) {
    return copy(progress, activity, new Published(shown), nextFireAt, true);
  }

  /** A copy with other state; {@code sameTiming} when {@code nextFireAt} still holds for it. */
  private PlanSchedule copy(
      FireProgress progress,
      RunActivity activity,
      Published published,
      Instant nextFireAt,
      boolean sameTiming) {
    return new PlanSchedule(
        planId,
        planVersion,
        spec,
        times,
        paused,
        deleted,
        pool,
        priority,
        trigger,
        scheduleFrom,
        progress,
        activity,
        published,
        nextFireAt,
        sameTiming);
  }

  private Instant computeNextFireAt() {
    if (deleted || paused || times == null) {
      return null;
    }
    return times.next(firesAfter());
  }

  /** Fire times after this instant are still to come. */
  public Instant firesAfter() {
    Instant done = progress.doneThrough();
    return done != null && done.isAfter(scheduleFrom) ? done : scheduleFrom;
  }

  /**
   * A fire waiting for the active run to end, if it still counts: not once the plan was paused, or
   * its schedule changed after the fire was held.
   */
  public Instant heldFire() {
    Instant held = progress.heldFireAt();
    if (held == null || deleted || paused || times == null || !held.isAfter(scheduleFrom)) {
      return null;
    }
    return held;
  }

  /**
   * When the firing loop must look at this plan next: its next fire time, or earlier when a held
   * fire can go (its run ended, or went quiet for too long). Null when it never needs to.
   */
  public Instant dueAt(Duration staleAfter) {
    Instant held = heldFire();
    if (held == null) {
      return nextFireAt;
    }
    Instant release = activity.isEmpty() ? held : activity.staleAt(staleAfter);
    return nextFireAt == null || release.isBefore(nextFireAt) ? release : nextFireAt;
  }

  /**
   * Whether the schedule-events topic does not show the current next fire time yet. A deletion is
   * always published: the plan is forgotten once it is.
   */
  public boolean needsPublishing() {
    return deleted || published == null || !Objects.equals(published.nextFireAt(), nextFireAt);
  }

  public String planId() {
    return planId;
  }

  public long planVersion() {
    return planVersion;
  }

  public ScheduleSpec spec() {
    return spec;
  }

  public FireSchedule times() {
    return times;
  }

  public boolean paused() {
    return paused;
  }

  public boolean deleted() {
    return deleted;
  }

  public String pool() {
    return pool;
  }

  public Priority priority() {
    return priority;
  }

  /** The plans whose runs start this one. */
  public TriggerSpec trigger() {
    return trigger;
  }

  public OverlapPolicy overlap() {
    return spec == null ? OverlapPolicy.SKIP : spec.overlap();
  }

  public Instant scheduleFrom() {
    return scheduleFrom;
  }

  public FireProgress progress() {
    return progress;
  }

  public RunActivity activity() {
    return activity;
  }

  public Published published() {
    return published;
  }

  /** The next regular fire time; null when the plan does not fire (paused, deleted, on demand). */
  public Instant nextFireAt() {
    return nextFireAt;
  }

  @Override
  public String toString() {
    return "PlanSchedule[" + planId + " v" + planVersion + ", next " + nextFireAt + "]";
  }
}
