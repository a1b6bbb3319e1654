package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.plan.ScheduleSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of each value many plans hold alike (a schedule such as "daily at 02:00", a pool
 * name): the book of a hundred thousand plans keeps a few hundred of them rather than a hundred
 * thousand copies.
 */
final class SharedValues {

  private static final int MAX_SHARED = 50_000;
  private static final Map<ScheduleSpec, ScheduleSpec> SPECS = new ConcurrentHashMap<>();

  private SharedValues() {}

  static ScheduleSpec spec(ScheduleSpec spec) {
    if (spec == null) {
      return null;
    }
    if (SPECS.size() >= MAX_SHARED) {
      SPECS.clear();
    }
    ScheduleSpec shared = SPECS.putIfAbsent(spec, spec);
    return shared == null ? spec : shared;
  }

  static String pool(String pool) {
    return pool == null ? null : pool.intern();
  }
}
