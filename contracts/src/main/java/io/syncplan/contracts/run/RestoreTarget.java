package io.syncplan.contracts.run;

import io.syncplan.contracts.plan.Endpoint;
import java.util.Objects;

/**
 * Where a restore writes the files it brings back, each at its path relative to the plan's
 * destination.
 *
 * @param place the plan's source, the plan's destination (through its encryption), or elsewhere
 * @param endpoint for {@link Place#ELSEWHERE}: a local folder on the executor's machine or a path
 *     on a storage; null otherwise
 */
public record RestoreTarget(Place place, Endpoint endpoint) {

  /** Which kind of place a restore writes to. */
  public enum Place {
    /** The plan's source; only an admin may ask for it, and only by name. */
    SOURCE,
    /** The plan's own destination; a file replaced there first moves into its history. */
    DESTINATION,
    /** Any other folder or storage path. */
    ELSEWHERE
  }

  public RestoreTarget {
    Objects.requireNonNull(place, "place");
    if (place == Place.ELSEWHERE) {
      Objects.requireNonNull(endpoint, "endpoint");
    } else {
      endpoint = null;
    }
  }

  public static RestoreTarget source() {
    return new RestoreTarget(Place.SOURCE, null);
  }

  public static RestoreTarget destination() {
    return new RestoreTarget(Place.DESTINATION, null);
  }

  public static RestoreTarget at(Endpoint endpoint) {
    return new RestoreTarget(Place.ELSEWHERE, endpoint);
  }
}
