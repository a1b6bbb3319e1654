package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.schedule.FireTimes;
import io.syncplan.plan.web.InvalidRequestException;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a schedule would do before a plan gets it: its next fire times, worked out by the rules the
 * scheduler fires by.
 */
@RestController
@RequestMapping("/api/v1/schedules")
@Tag(name = "Schedules")
class SchedulePreviewController {

  static final int MAX_COUNT = 100;
  static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private final Clock clock;

  SchedulePreviewController(Clock clock) {
    this.clock = clock;
  }

  @PostMapping("/preview")
  @Operation(
      summary = "Preview a schedule's next fire times",
      description =
          "The body is a schedule as a plan has it. The answer lists its next fire times in its"
              + " time zone, as the scheduler will fire them (daylight saving and short months"
              + " included); an invalid schedule is refused like an invalid plan.")
  SchedulePreview preview(
      @Valid @RequestBody ScheduleRequest schedule,
      @Parameter(description = "how many fire times, 1 to " + MAX_COUNT)
          @RequestParam(defaultValue = "5")
          int count,
      @Parameter(description = "fire times after this instant (ISO-8601); now when absent")
          @RequestParam(required = false)
          Instant after) {
    // checked here rather than by @Min/@Max, which would move the schedule's own problems under
    // the parameter's name instead of the schedule's fields
    if (count < 1 || count > MAX_COUNT) {
      throw new InvalidRequestException("count", "must be between 1 and " + MAX_COUNT);
    }
    if (after != null && (after.isBefore(EARLIEST) || after.isAfter(LATEST))) {
      throw new InvalidRequestException("after", "must be between " + EARLIEST + " and " + LATEST);
    }
    ScheduleSpec spec = ScheduleParser.toSpec(schedule);
    ZoneId zone = ZoneId.of(spec.timeZone());
    return new SchedulePreview(
        spec.timeZone(),
        FireTimes.compile(spec).next(after == null ? clock.instant() : after, count).stream()
            .map(at -> at.atZone(zone).toOffsetDateTime())
            .toList());
  }
}
