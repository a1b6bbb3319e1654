package io.syncplan.contracts.plan;

import io.syncplan.contracts.secret.SealedSecret;
import java.util.Map;
import java.util.Objects;

/**
 * A named storage as the executor needs it to build an rclone remote: the backend type, its plain
 * options and its secrets, which stay sealed until they are handed to rclone as environment
 * variables.
 */
public record StorageSpec(
    String id,
    String name,
    String type,
    Map<String, String> options,
    Map<String, SealedSecret> secrets) {

  public StorageSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    options = options == null ? Map.of() : Map.copyOf(options);
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
  }
}
