package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.message.MessageCodec;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.TriggerSpec;
import io.syncplan.contracts.schedule.FireSchedule;
import io.syncplan.contracts.schedule.FireTimes;
import io.syncplan.contracts.schedule.InvalidScheduleException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Reads a stored schedule document back into the book's form. */
final class StoredSchedules {

  private static final MessageCodec CODEC = MessageCodec.shared();

  private StoredSchedules() {}

  /**
   * The schedule in {@code document}. Its active runs count as alive from {@code now}: how long
   * they were quiet before is not stored.
   */
  static PlanSchedule restore(Document document, Instant now) {
    String planId = document.getString("_id");
    String scheduleJson = document.getString("schedule");
    ScheduleSpec spec =
        scheduleJson == null
            ? null
            : SharedValues.spec(CODEC.fromJson(scheduleJson, ScheduleSpec.class));
    FireSchedule times = null;
    if (spec != null) {
      try {
        times = FireTimes.compile(spec);
      } catch (InvalidScheduleException e) {
        // Reported when the plan event came in; the plan simply does not fire.
      }
    }
    RunActivity activity =
        RunActivity.of(strings(document, "activeRunIds"), now, strings(document, "finishedRunIds"));
    return new PlanSchedule(
        planId,
        document.get("planVersion", Number.class).longValue(),
        spec,
        times,
        Boolean.TRUE.equals(document.getBoolean("paused")),
        Boolean.TRUE.equals(document.getBoolean("deleted")),
        SharedValues.pool(document.getString("pool")),
        document.getString("priority") == null
            ? Priority.NORMAL
            : Priority.valueOf(document.getString("priority")),
        document.getString("trigger") == null
            ? TriggerSpec.NONE
            : CODEC.fromJson(document.getString("trigger"), TriggerSpec.class),
        instant(document, "scheduleFrom"),
        new FireProgress(
            instant(document, "doneThrough"),
            instant(document, "lastFiredAt"),
            instant(document, "heldFireAt")),
        activity,
        Boolean.TRUE.equals(document.getBoolean("published"))
            ? new PlanSchedule.Published(instant(document, "publishedNextFireAt"))
            : null);
  }

  private static List<String> strings(Document document, String field) {
    List<String> values = document.getList(field, String.class);
    return values == null ? new ArrayList<>() : new ArrayList<>(values);
  }

  private static Instant instant(Document document, String field) {
    Date date = document.getDate(field);
    return date == null ? null : date.toInstant();
  }
}
