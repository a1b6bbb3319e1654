package io.syncplan.contracts.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;

/**
 * A schedule on the wall clock: matching local date-times mapped to instants in a zone, each
 * instant fired once. A local time in a gap (clocks going forward) moves later by the gap's length;
 * a local time in an overlap (clocks going back) takes its earlier offset, so it fires at its first
 * occurrence only.
 */
record WallClockSchedule(LocalRule rule, ZoneId zone) implements FireSchedule {

  /**
   * The earliest instant after {@code after} that a matching local time maps to. Local times map to
   * instants in order except around a transition, so two places are looked at: the first match
   * after {@code after}'s own local time, and, shortly after clocks went forward, the first match
   * inside the gap that maps past {@code after}.
   */
  @Override
  public Instant next(Instant after) {
    LocalDateTime local = LocalDateTime.ofInstant(after, zone);
    ZoneOffsetTransition last = zone.getRules().previousTransition(after.plusNanos(1));
    Instant fromGap = null;
    if (last != null && after.isBefore(last.getInstant().plus(last.getDuration().abs()))) {
      if (last.isGap()) {
        // A local time l in the gap maps to l + gap, after `after` once l > local - gap.
        LocalDateTime inGap = rule.next(local.minus(last.getDuration()));
        if (inGap != null && inGap.isBefore(last.getDateTimeAfter())) {
          fromGap = instant(inGap);
        }
      } else {
        // The second pass of a repeated hour: its local times fired on the first pass.
        local = last.getDateTimeBefore().minusNanos(1);
      }
    }
    Instant regular = firstAfter(local, after);
    return fromGap != null && (regular == null || fromGap.isBefore(regular)) ? fromGap : regular;
  }

  private Instant firstAfter(LocalDateTime local, Instant after) {
    for (int guard = 0; guard < 1_000; guard++) {
      LocalDateTime candidate = rule.next(local);
      if (candidate == null) {
        return null;
      }
      Instant instant = instant(candidate);
      if (instant.isAfter(after)) {
        return instant;
      }
      local = candidate;
    }
    throw new IllegalStateException("no wall-clock fire time found after " + after);
  }

  private Instant instant(LocalDateTime local) {
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }
}
