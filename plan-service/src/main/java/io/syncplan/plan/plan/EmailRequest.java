package io.syncplan.plan.plan;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An address that gets an email when a run fails. */
public record EmailRequest(@NotBlank @Email @Size(max = 254) String address) {}
