package io.syncplan.plan.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A storage as the API shows it: its secrets by name only.
 *
 * @param secretsDropped after a replace, the secrets the storage no longer keeps because it points
 *     elsewhere now and the request did not send them again; absent otherwise
 */
record StorageResponse(
    String id,
    String name,
    String type,
    Map<String, String> options,
    List<String> secrets,
    long version,
    Instant createdAt,
    Instant updatedAt,
    List<String> secretsDropped) {

  static StorageResponse of(StorageDocument storage) {
    return of(storage, null);
  }

  static StorageResponse of(StorageDocument storage, List<String> secretsDropped) {
    return new StorageResponse(
        storage.id(),
        storage.name(),
        storage.type(),
        new java.util.TreeMap<>(storage.options()),
        StorageService.names(storage.secrets()),
        storage.version(),
        storage.createdAt(),
        storage.updatedAt(),
        secretsDropped == null || secretsDropped.isEmpty() ? null : secretsDropped);
  }
}
