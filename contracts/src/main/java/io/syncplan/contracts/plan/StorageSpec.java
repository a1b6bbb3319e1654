package io.syncplan.contracts.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.syncplan.contracts.secret.SealedSecret;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named storage as the executor needs it to build an rclone remote: the backend type, its plain
 * options and its secrets, which stay sealed until they are handed to rclone as environment
 * variables.
 *
 * @param references for a wrapper (alias, crypt, union ...), every storage its options name,
 *     directly or through another wrapper, as plan-service found them; the executor resolves the
 *     names itself. Empty for other backends.
 */
public record StorageSpec(
    String id,
    String name,
    String type,
    Map<String, String> options,
    Map<String, SealedSecret> secrets,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StorageSpec> references) {

  public StorageSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    options = options == null ? Map.of() : Map.copyOf(options);
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    references = references == null ? List.of() : List.copyOf(references);
  }

  /** A storage that builds on no other. */
  public StorageSpec(
      String id,
      String name,
      String type,
      Map<String, String> options,
      Map<String, SealedSecret> secrets) {
    this(id, name, type, options, secrets, List.of());
  }
}
