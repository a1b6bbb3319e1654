package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import io.syncplan.contracts.plan.Outcome;
import io.syncplan.plan.web.NoControlChars;
import io.syncplan.plan.web.OneOf;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An address that gets an email about the outcomes it names (START, SUCCESS, FAILURE, RETRYING,
 * PARTIAL, CANCELLED, CHANGES_ONLY); failures only when {@code on} is empty.
 */
record EmailRequest(
    @Schema(example = "ops@example.com") @NotBlank @Email @Size(max = 254) @NoControlChars
        String address,
    @Schema(example = "[\"FAILURE\"]") @Size(max = 7)
        List<@NotNull @OneOf(Outcome.class) String> on) {}
