package io.syncplan.executor.control;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.DestinationPurgeRequested;
import io.syncplan.contracts.plan.PlanInitRequested;
import io.syncplan.contracts.plan.RevisionCleanupRequested;
import io.syncplan.contracts.revision.CurrentVersionRequested;
import io.syncplan.contracts.revision.RevisionIndexRequested;
import io.syncplan.contracts.storage.StorageTestRequested;
import io.syncplan.executor.history.CurrentVersions;
import io.syncplan.executor.history.RevisionIndexer;
import io.syncplan.executor.revision.RevisionRetention;
import io.syncplan.support.MessagePublisher;
import java.util.concurrent.Callable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Handles the maintenance commands of the pool (initialise a plan, test a storage, clean a plan's
 * revisions, index them, look up a file's current version, remove a deleted plan's destination) on
 * a few threads of their own, never on the Kafka consumer's, and answers each on {@link
 * Topics#EXECUTOR_RESULTS}.
 */
@Component
public class ControlCommands implements DisposableBean {

  private final PlanInitializer initializer;
  private final StorageTester storages;
  private final RevisionRetention retention;
  private final DestinationPurger purger;
  private final RevisionIndexer indexer;
  private final CurrentVersions currentVersions;
  private final MessagePublisher publisher;
  private final Scheduler scheduler = Schedulers.newBoundedElastic(4, 10_000, "executor-control");

  ControlCommands(
      PlanInitializer initializer,
      StorageTester storages,
      RevisionRetention retention,
      DestinationPurger purger,
      RevisionIndexer indexer,
      CurrentVersions currentVersions,
      MessagePublisher publisher) {
    this.initializer = initializer;
    this.storages = storages;
    this.retention = retention;
    this.purger = purger;
    this.indexer = indexer;
    this.currentVersions = currentVersions;
    this.publisher = publisher;
  }

  public Mono<Void> initialize(PlanInitRequested command) {
    return answer(() -> initializer.initialize(command.plan()));
  }

  public Mono<Void> testStorage(StorageTestRequested command) {
    return answer(() -> storages.test(command));
  }

  public Mono<Void> cleanRevisions(RevisionCleanupRequested command) {
    return answer(() -> retention.clean(command.plan(), command.requestId()));
  }

  /** Indexes every revision folder of the plan; each is reported as it is listed. */
  public Mono<Void> indexRevisions(RevisionIndexRequested command) {
    return answer(() -> indexer.indexAll(command.plan(), command.requestId()));
  }

  public Mono<Void> findCurrentVersion(CurrentVersionRequested command) {
    return answer(() -> currentVersions.find(command));
  }

  public Mono<Void> purgeDestination(DestinationPurgeRequested command) {
    return purger
        .purge(command, scheduler)
        .flatMap(result -> publisher.publish(Topics.EXECUTOR_RESULTS, result))
        .then();
  }

  private Mono<Void> answer(Callable<? extends Message> work) {
    return Mono.fromCallable(work)
        .subscribeOn(scheduler)
        .flatMap(result -> publisher.publish(Topics.EXECUTOR_RESULTS, result))
        .then();
  }

  @Override
  public void destroy() {
    scheduler.dispose();
  }
}
