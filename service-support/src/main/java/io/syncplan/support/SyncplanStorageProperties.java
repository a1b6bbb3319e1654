package io.syncplan.support;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How far storages may reach into the machine they are used on.
 *
 * @param hostOptions rclone options that use the machine's own credentials, files, sockets or
 *     symbolic links (for example {@code env_auth} for a cloud role, {@code key_file}, {@code
 *     copy_links}), allowed by name. None by default: a storage then carries everything it needs
 *     itself. Give plan-service the options any pool may use, and each executor those its own
 *     machine offers; the executor checks again before rclone starts.
 */
@ConfigurationProperties("syncplan.storages")
public record SyncplanStorageProperties(List<String> hostOptions) {

  public SyncplanStorageProperties {
    hostOptions = hostOptions == null ? List.of() : List.copyOf(hostOptions);
  }
}
