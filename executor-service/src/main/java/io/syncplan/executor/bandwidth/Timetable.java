package io.syncplan.executor.bandwidth;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code --bwlimit} value (already checked), a plan's own or the executor's cap: one rate, or a
 * timetable of {@code [Day-]HH:MM,rate} entries, read at a moment as rclone reads it: the latest
 * entry at or before that moment in the week, the week's last one before its first. An entry
 * without a day holds for every day.
 */
record Timetable(List<Slot> slots) {

  static final Timetable NONE = new Timetable(List.of(new Slot(0, Rate.OFF)));

  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
  private static final int MINUTES_A_DAY = 24 * 60;

  /** From {@code minuteOfWeek} (Sunday 00:00 is 0) on, {@code rate}. */
  record Slot(int minuteOfWeek, Rate rate) {}

  Timetable {
    slots = List.copyOf(slots);
  }

  /** The limits a {@code --bwlimit} value sets; none for null. */
  static Timetable parse(String bwlimit) {
    if (bwlimit == null) {
      return NONE;
    }
    String value = bwlimit.strip();
    if (!value.contains(" ") && !value.contains(",")) {
      return new Timetable(List.of(new Slot(0, Rate.parse(value))));
    }
    List<Slot> slots = new ArrayList<>();
    for (String entry : value.split(" +")) {
      String[] parts = entry.split(",", 2);
      String when = parts[0];
      Rate rate = Rate.parse(parts[1]);
      int dash = when.indexOf('-');
      int minuteOfDay = minuteOfDay(dash < 0 ? when : when.substring(dash + 1));
      if (dash < 0) {
        for (int day = 0; day < DAYS.size(); day++) {
          slots.add(new Slot(day * MINUTES_A_DAY + minuteOfDay, rate));
        }
      } else {
        String day = when.substring(0, 3).toLowerCase(Locale.ROOT);
        slots.add(new Slot(DAYS.indexOf(day) * MINUTES_A_DAY + minuteOfDay, rate));
      }
    }
    return new Timetable(slots);
  }

  /** True when some entry limits something. */
  boolean limits() {
    return slots.stream().anyMatch(slot -> slot.rate().isLimited());
  }

  /** The limit at {@code time}, in the time zone rclone would read the timetable in. */
  Rate at(ZonedDateTime time) {
    int now =
        (time.getDayOfWeek().getValue() % 7) * MINUTES_A_DAY
            + time.getHour() * 60
            + time.getMinute();
    Slot current = null;
    Slot last = null;
    for (Slot slot : slots) {
      if (slot.minuteOfWeek() <= now
          && (current == null || slot.minuteOfWeek() >= current.minuteOfWeek())) {
        current = slot;
      }
      if (last == null || slot.minuteOfWeek() >= last.minuteOfWeek()) {
        last = slot;
      }
    }
    return (current != null ? current : last).rate();
  }

  private static int minuteOfDay(String hhmm) {
    return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
  }
}
