package io.syncplan.plan.run;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.run.RestoreTarget;
import io.syncplan.plan.secret.Secrets;
import io.syncplan.plan.storage.Storages;
import io.syncplan.plan.web.InvalidRequestException;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads a restore's {@code target} as the API takes it: {@code "DESTINATION"} (or absent), {@code
 * "SOURCE"}, an absolute local path, or {@code {"storage": "...", "path": "..."}} with the
 * storage's secrets sealed for the plan's pool, as a plan's endpoints are.
 */
@Component
class RestoreTargets {

  private static final Set<String> STORAGE_FIELDS = Set.of("storage", "path");

  private final Storages storages;
  private final Secrets secrets;

  RestoreTargets(Storages storages, Secrets secrets) {
    this.storages = storages;
    this.secrets = secrets;
  }

  Mono<RestoreTarget> read(Object target, String pool) {
    if (target == null || "DESTINATION".equals(target)) {
      return Mono.just(RestoreTarget.destination());
    }
    if ("SOURCE".equals(target)) {
      return Mono.just(RestoreTarget.source());
    }
    if (target instanceof String path) {
      if (!path.startsWith("/")) {
        throw invalid(
            "must be DESTINATION, SOURCE, an absolute local path or {\"storage\", \"path\"}");
      }
      return Mono.just(RestoreTarget.at(Endpoint.local(path)));
    }
    if (target instanceof Map<?, ?> fields
        && STORAGE_FIELDS.containsAll(fields.keySet())
        && fields.get("storage") instanceof String storage
        && (fields.get("path") == null || fields.get("path") instanceof String)) {
      String path = fields.get("path") == null ? "" : ((String) fields.get("path")).strip();
      return storages
          .find(storage)
          .switchIfEmpty(
              Mono.error(() -> new InvalidRequestException("target.storage", "no such storage")))
          .map(spec -> RestoreTarget.at(new Endpoint(path, secrets.forPool(pool, spec, null))));
    }
    throw invalid("must be DESTINATION, SOURCE, an absolute local path or {\"storage\", \"path\"}");
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException("target", message);
  }
}
