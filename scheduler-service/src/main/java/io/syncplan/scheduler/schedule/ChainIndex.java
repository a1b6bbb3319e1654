package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.plan.AfterPlan;
import io.syncplan.contracts.plan.RunOutcome;
import io.syncplan.contracts.plan.TriggerSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chains between plans, turned around: for each plan, the plans its runs start and on which
 * outcomes. Kept by the {@link ScheduleBook} as plans change, so finding what a finished run starts
 * is a map lookup.
 */
public final class ChainIndex {

  /** A plan that a run of another starts, when it ends as one of {@code on}. */
  public record Follower(String planId, Set<RunOutcome> on) {}

  private final Map<String, Map<String, Set<RunOutcome>>> followers = new ConcurrentHashMap<>();

  /** Takes a plan's chain as it is now (null or empty: it follows no plan). */
  void update(String planId, TriggerSpec before, TriggerSpec after) {
    if (before == after) {
      return;
    }
    if (before != null) {
      for (AfterPlan link : before.after()) {
        followers.computeIfPresent(
            link.planId(),
            (upstream, map) -> {
              map.remove(planId);
              return map.isEmpty() ? null : map;
            });
      }
    }
    if (after != null) {
      for (AfterPlan link : after.after()) {
        followers.compute(
            link.planId(),
            (upstream, map) -> {
              Map<String, Set<RunOutcome>> updated = map == null ? new ConcurrentHashMap<>() : map;
              updated.put(planId, link.on());
              return updated;
            });
      }
    }
  }

  List<Follower> followers(String planId) {
    Map<String, Set<RunOutcome>> found = followers.get(planId);
    if (found == null) {
      return List.of();
    }
    List<Follower> result = new ArrayList<>();
    found.forEach((follower, on) -> result.add(new Follower(follower, on)));
    return result;
  }

  /** Whether the runs of {@code from}, through the chains, end up starting {@code to}. */
  boolean leadsTo(String from, String to) {
    Set<String> seen = new HashSet<>();
    Deque<String> next = new ArrayDeque<>();
    next.add(from);
    while (!next.isEmpty()) {
      String at = next.poll();
      if (at.equals(to)) {
        return true;
      }
      if (seen.add(at)) {
        Map<String, Set<RunOutcome>> found = followers.get(at);
        if (found != null) {
          next.addAll(found.keySet());
        }
      }
    }
    return false;
  }

  void clear() {
    followers.clear();
  }
}
