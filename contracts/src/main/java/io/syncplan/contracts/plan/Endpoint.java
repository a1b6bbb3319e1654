package io.syncplan.contracts.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * One side of a plan: a path on a storage, or, when {@code storage} is null, a local path on the
 * machine of the executor that runs the plan.
 */
public record Endpoint(String path, StorageSpec storage) {

  public Endpoint {
    Objects.requireNonNull(path, "path");
  }

  public static Endpoint local(String path) {
    return new Endpoint(path, null);
  }

  @JsonIgnore
  public boolean isLocal() {
    return storage == null;
  }
}
