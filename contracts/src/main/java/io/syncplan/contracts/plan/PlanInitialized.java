package io.syncplan.contracts.plan;

import io.syncplan.contracts.message.Message;

/**
 * An executor initialised a plan (version {@code planVersion}), or could not.
 *
 * @param ready true when the destination is reachable and prepared
 * @param reason why not, in rclone's words where it gave them; null when ready
 */
public record PlanInitialized(String planId, long planVersion, boolean ready, String reason)
    implements Message {}
