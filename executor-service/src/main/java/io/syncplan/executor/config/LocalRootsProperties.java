package io.syncplan.executor.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param localRoots the folders of this machine that plans may read and write ({@code
 *     SYNCPLAN_EXECUTOR_LOCAL_ROOTS}, comma-separated): every local source, destination and local
 *     storage path must lie inside one of them once its symbolic links are followed, and a
 *     destination purge never removes a root itself or a folder above one. None by default, which
 *     refuses every local path; the images set {@code /data}.
 */
@ConfigurationProperties("syncplan.executor")
public record LocalRootsProperties(List<String> localRoots) {

  /** The setting, as refusals name it. */
  public static final String SETTING = "syncplan.executor.local-roots";

  public LocalRootsProperties {
    localRoots = localRoots == null ? List.of() : List.copyOf(localRoots);
  }
}
