package io.syncplan.plan.storage;

import io.syncplan.contracts.plan.StorageSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Looks storages up for plans, which name them by id or by name. */
@Component
public class Storages {

  private final StorageLinks links;

  Storages(StorageLinks links) {
    this.links = links;
  }

  /**
   * The storage with this id, else the one with this name, with every storage it builds on; empty
   * when there is none.
   */
  public Mono<StorageSpec> find(String idOrName) {
    return links.find(idOrName).flatMap(links::spec);
  }
}
