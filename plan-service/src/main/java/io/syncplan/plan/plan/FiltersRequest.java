package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import io.syncplan.contracts.plan.FilterPreset;
import io.syncplan.plan.web.NoControlChars;
import io.syncplan.plan.web.OneOf;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Which files a plan touches, in rclone's filter syntax. Presets: TEMPORARY_FILES ({@code *.tmp},
 * {@code *.swp} ...), SYSTEM_FILES ({@code .DS_Store}, {@code Thumbs.db} ...), BUILD_OUTPUT ({@code
 * node_modules/}, {@code target/} ...).
 */
record FiltersRequest(
    @Schema(example = "[\"/projects/**\"]") @Size(max = PlanLimits.FILTER_RULES)
        List<@NotBlank @Size(max = PlanLimits.FILTER_RULE_LENGTH) @NoControlChars String>
            includePaths,
    @Schema(example = "[\"*.iso\"]") @Size(max = PlanLimits.FILTER_RULES)
        List<@NotBlank @Size(max = PlanLimits.FILTER_RULE_LENGTH) @NoControlChars String>
            excludePatterns,
    @Schema(example = "[\"TEMPORARY_FILES\", \"SYSTEM_FILES\"]") @Size(max = 10)
        List<@NotNull @OneOf(FilterPreset.class) String> presets) {}
