package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.plan.TriggerSpec;
import io.syncplan.scheduler.config.SchedulerProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/**
 * The schedules of all plans in memory, ordered by when each needs the firing loop next, on the
 * replica that fires. Finding what is due costs a look at the head of the order however many plans
 * there are; MongoDB is only written through and read back when a replica takes over.
 *
 * <p>Changes come from three threads (plan events, run events, the firing loop); each is a function
 * applied atomically to the plan's current state, so none overwrites another's.
 */
@Component
public class ScheduleBook {

  private record Due(Instant at, String planId) {}

  private static final Comparator<Due> ORDER =
      Comparator.comparing(Due::at).thenComparing(Due::planId);

  private final Map<String, PlanSchedule> plans = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Due> dueOrder = new ConcurrentSkipListSet<>(ORDER);
  private final Set<String> unpublished = ConcurrentHashMap.newKeySet();
  private final ChainIndex chains = new ChainIndex();
  private final Duration staleAfter;

  public ScheduleBook(SchedulerProperties properties) {
    this.staleAfter = properties.staleRunAfter();
  }

  public PlanSchedule get(String planId) {
    return plans.get(planId);
  }

  /**
   * Changes one plan atomically: {@code change} gets the current state (null if unknown) and
   * returns the new one (null to forget the plan).
   */
  public PlanSchedule update(String planId, UnaryOperator<PlanSchedule> change) {
    return plans.compute(
        planId,
        (id, current) -> {
          PlanSchedule next = change.apply(current);
          reindex(id, current, next);
          return next;
        });
  }

  /** Changes a plan the book knows; an unknown plan stays unknown. */
  public PlanSchedule updateIfPresent(String planId, UnaryOperator<PlanSchedule> change) {
    return update(planId, current -> current == null ? null : change.apply(current));
  }

  private void reindex(String planId, PlanSchedule before, PlanSchedule after) {
    chains.update(planId, triggerOf(before), triggerOf(after));
    Instant was = before == null ? null : before.dueAt(staleAfter);
    Instant is = after == null ? null : after.dueAt(staleAfter);
    if (!Objects.equals(was, is)) {
      if (was != null) {
        dueOrder.remove(new Due(was, planId));
      }
      if (is != null) {
        dueOrder.add(new Due(is, planId));
      }
    }
    if (after != null && after.needsPublishing()) {
      unpublished.add(planId);
    } else {
      unpublished.remove(planId);
    }
  }

  private static TriggerSpec triggerOf(PlanSchedule plan) {
    return plan == null || plan.deleted() ? null : plan.trigger();
  }

  /** The plans that runs of this plan start, each with the outcomes that do. */
  public List<ChainIndex.Follower> followers(String planId) {
    return chains.followers(planId);
  }

  /** Whether runs of {@code from}, through chains, end up starting {@code to}. */
  public boolean leadsTo(String from, String to) {
    return chains.leadsTo(from, to);
  }

  /** Up to {@code limit} plans due at {@code now}, the most overdue first. */
  public List<PlanSchedule> due(Instant now, int limit) {
    List<PlanSchedule> due = new ArrayList<>();
    Iterator<Due> order = dueOrder.iterator();
    while (due.size() < limit && order.hasNext()) {
      Due next = order.next();
      if (next.at().isAfter(now)) {
        break;
      }
      PlanSchedule plan = plans.get(next.planId());
      if (plan != null) {
        due.add(plan);
      }
    }
    return due;
  }

  /** When the earliest plan is due, or null when none is. */
  public Instant nextDueAt() {
    Due first = dueOrder.isEmpty() ? null : dueOrder.first();
    return first == null ? null : first.at();
  }

  /** Up to {@code limit} plans whose next fire time is not yet on the schedule-events topic. */
  public List<PlanSchedule> unpublished(int limit) {
    List<PlanSchedule> pending = new ArrayList<>();
    for (String planId : unpublished) {
      if (pending.size() >= limit) {
        break;
      }
      PlanSchedule plan = plans.get(planId);
      if (plan != null && plan.needsPublishing()) {
        pending.add(plan);
      }
    }
    return pending;
  }

  /** Replaces everything with the given schedules (when this replica takes over). */
  public void load(Collection<PlanSchedule> schedules) {
    clear();
    for (PlanSchedule schedule : schedules) {
      update(schedule.planId(), ignored -> schedule);
    }
  }

  public void clear() {
    plans.clear();
    chains.clear();
    dueOrder.clear();
    unpublished.clear();
  }

  public int size() {
    return plans.size();
  }

  /** How many plans have a next fire time. */
  public long scheduled() {
    return plans.values().stream().filter(plan -> plan.nextFireAt() != null).count();
  }

  public Duration staleAfter() {
    return staleAfter;
  }
}
