package io.syncplan.plan.plan;

import io.syncplan.plan.storage.StorageUsers;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The plans, as the storages they use see them. */
@Component
class PlanStorageUsers implements StorageUsers {

  private final PlanStore store;
  private final PlanService plans;

  PlanStorageUsers(PlanStore store, PlanService plans) {
    this.store = store;
    this.plans = plans;
  }

  @Override
  public Flux<StorageUser> using(String storageId) {
    return store
        .usingStorage(storageId)
        .map(document -> new StorageUser(document.id(), document.plan().name()));
  }

  @Override
  public Mono<Void> refresh(String planId) {
    return plans.refreshStorages(planId).then();
  }
}
