package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import io.syncplan.contracts.plan.CompareStrategy;
import io.syncplan.plan.web.DurationText;
import io.syncplan.plan.web.OneOf;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/** How hard a run works and when it stops; each absent field takes its default. */
record PerformanceRequest(
    @Schema(defaultValue = "4") @Min(1) @Max(PlanLimits.MAX_TRANSFERS) Integer transfers,
    @Schema(defaultValue = "16M")
        @Pattern(regexp = PlanLimits.SIZE_PATTERN, message = PlanLimits.SIZE_MESSAGE)
        String bufferSize,
    @Schema(defaultValue = "4") @Min(0) @Max(PlanLimits.MAX_MULTI_THREAD_STREAMS)
        Integer multiThreadStreams,
    @Schema(
            allowableValues = {"SIZE_AND_MODTIME", "CHECKSUM", "SIZE_ONLY"},
            defaultValue = "SIZE_AND_MODTIME")
        @OneOf(CompareStrategy.class)
        String compare,
    @Schema(description = "no limit when absent", example = "2h")
        @DurationText(min = PlanLimits.MIN_MAX_DURATION_SECONDS)
        String maxDuration,
    @Schema(description = "no limit when absent", example = "50G")
        @Pattern(regexp = PlanLimits.SIZE_PATTERN, message = PlanLimits.SIZE_MESSAGE)
        String maxTransfer,
    @Schema(
            description =
                "rclone's --bwlimit: a rate (KiB/s without a unit), upload:download rates, or a"
                    + " timetable of [Day-]HH:MM,rate entries; no limit when absent",
            example = "08:00,512k 19:00,10M:1M Sat-00:00,off")
        String bandwidth) {}
