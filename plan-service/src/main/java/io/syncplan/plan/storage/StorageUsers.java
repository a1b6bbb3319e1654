package io.syncplan.plan.storage;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The plans that use storages, as the storages need to know them: which ones a storage may not be
 * deleted under, and which ones to publish again when a storage changes. The plans implement it;
 * storages never reach into them.
 */
public interface StorageUsers {

  /** The live plans using the storage, directly or through a storage built on it. */
  Flux<StorageUser> using(String storageId);

  /** Publishes the plan again with its storages' current settings. */
  Mono<Void> refresh(String planId);

  /** A plan using a storage. */
  record StorageUser(String id, String name) {}
}
