package io.syncplan.contracts.plan;

import java.util.Objects;
import java.util.Set;

/**
 * An email recipient of a plan.
 *
 * @param on the outcomes it wants; empty means failures only
 */
public record EmailTarget(String address, Set<Outcome> on) {

  public EmailTarget {
    Objects.requireNonNull(address, "address");
    on = on == null ? Set.of() : Set.copyOf(on);
  }
}
