package io.syncplan.plan.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param localRoots the local roots of the executors of the {@code default} pool, when they are
 *     known here ({@code SYNCPLAN_API_LOCAL_ROOTS}, comma-separated; the standalone stack sets it):
 *     a plan of that pool whose local path lies outside them is refused at once. Empty: not known,
 *     and the executors refuse such a plan when it runs. Other pools' roots are never known here.
 */
@ConfigurationProperties("syncplan.api")
public record LocalRootsProperties(List<String> localRoots) {

  /** The setting, as refusals name it. */
  public static final String SETTING = "syncplan.api.local-roots";

  public LocalRootsProperties {
    localRoots = localRoots == null ? List.of() : List.copyOf(localRoots);
  }
}
