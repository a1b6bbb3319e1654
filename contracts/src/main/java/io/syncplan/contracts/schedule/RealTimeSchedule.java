package io.syncplan.contracts.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * A schedule on real time: every instant whose local time in the zone matches fires. A local time
 * skipped when clocks go forward does not exist and does not fire; one repeated when they go back
 * happens twice and fires twice.
 */
record RealTimeSchedule(LocalRule rule, ZoneId zone) implements FireSchedule {

  /**
   * The earliest matching instant after {@code after}. Two places are looked at: the first match
   * after {@code after}'s local time (either of its instants, in a repeated hour), and, during the
   * first pass of a repeated hour, the second pass of the first match in that hour, which may come
   * before any later local time.
   */
  @Override
  public Instant next(Instant after) {
    ZoneRules rules = zone.getRules();
    LocalDateTime local = LocalDateTime.ofInstant(after, zone);
    Instant earliest = firstAfter(local, after, rules);
    ZoneOffsetTransition coming = rules.nextTransition(after);
    if (coming != null && coming.isOverlap() && !local.isBefore(coming.getDateTimeAfter())) {
      LocalDateTime repeated = rule.next(coming.getDateTimeAfter().minusNanos(1));
      if (repeated != null && repeated.isBefore(coming.getDateTimeBefore())) {
        Instant secondPass = repeated.toInstant(coming.getOffsetAfter());
        if (earliest == null || secondPass.isBefore(earliest)) {
          earliest = secondPass;
        }
      }
    }
    return earliest;
  }

  private Instant firstAfter(LocalDateTime local, Instant after, ZoneRules rules) {
    for (int guard = 0; guard < 1_000; guard++) {
      LocalDateTime candidate = rule.next(local);
      if (candidate == null) {
        return null;
      }
      Instant earliest = null;
      for (ZoneOffset offset : rules.getValidOffsets(candidate)) {
        Instant instant = candidate.toInstant(offset);
        if (instant.isAfter(after) && (earliest == null || instant.isBefore(earliest))) {
          earliest = instant;
        }
      }
      if (earliest != null) {
        return earliest;
      }
      ZoneOffsetTransition gap = rules.getTransition(candidate);
      local = gap != null && gap.isGap() ? gap.getDateTimeAfter().minusNanos(1) : candidate;
    }
    throw new IllegalStateException("no fire time found after " + after);
  }
}
