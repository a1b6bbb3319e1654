package io.syncplan.plan.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A storage as the API shows it: its secrets by name only. */
record StorageResponse(
    String id,
    String name,
    String type,
    Map<String, String> options,
    List<String> secrets,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  static StorageResponse of(StorageDocument storage) {
    return new StorageResponse(
        storage.id(),
        storage.name(),
        storage.type(),
        new java.util.TreeMap<>(storage.options()),
        StorageService.names(storage.secrets()),
        storage.version(),
        storage.createdAt(),
        storage.updatedAt());
  }
}
