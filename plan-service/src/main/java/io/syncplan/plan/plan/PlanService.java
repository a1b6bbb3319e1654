package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.plan.TriggerSpec;
import io.syncplan.plan.outbox.PendingMessage;
import io.syncplan.plan.secret.Secrets;
import io.syncplan.plan.storage.Storages;
import io.syncplan.plan.web.ConflictException;
import io.syncplan.plan.web.ETags;
import io.syncplan.plan.web.FieldProblem;
import io.syncplan.plan.web.InvalidRequestException;
import io.syncplan.plan.web.PreconditionFailedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Creates, changes and deletes plans. Each change is stored together with the plan events it
 * produces (one document write) and is based on the version it read: a change that loses a race is
 * refused with 412 when the client named the version (If-Match), else retried on the new version. A
 * change that changes nothing stores nothing and publishes nothing.
 */
@Service
public class PlanService {

  /**
   * How often a change that lost a race to a concurrent change of the same plan is computed again
   * on the newer version, with a short random pause, before the client is told to try later.
   */
  private static final Retry LOST_RACE =
      Retry.backoff(10, Duration.ofMillis(5))
          .maxBackoff(Duration.ofMillis(200))
          .jitter(0.5)
          .filter(PreconditionFailedException.class::isInstance)
          .onRetryExhaustedThrow(
              (spec, signal) ->
                  new ConflictException(
                      "The plan is being changed by many clients at once; try again"));

  private final PlanStore store;
  private final PlanEvents events;
  private final PlanSnapshotBuilder builder;
  private final Storages storages;
  private final Secrets secrets;
  private final ChainResolver chains;
  private final PlanDataRemoval dataRemoval;
  private final Clock clock;

  PlanService(
      PlanStore store,
      PlanEvents events,
      PlanSnapshotBuilder builder,
      Storages storages,
      Secrets secrets,
      ChainResolver chains,
      PlanDataRemoval dataRemoval,
      Clock clock) {
    this.chains = chains;
    this.dataRemoval = dataRemoval;
    this.store = store;
    this.events = events;
    this.builder = builder;
    this.storages = storages;
    this.secrets = secrets;
    this.clock = clock;
  }

  /** The plan, or a {@link PlanNotFoundException}. */
  public Mono<PlanDocument> get(String id) {
    return store.find(id).switchIfEmpty(Mono.error(() -> new PlanNotFoundException(id)));
  }

  Mono<PlanDocument> getByName(String name) {
    return store
        .findByName(name)
        .switchIfEmpty(Mono.error(() -> PlanNotFoundException.byName(name)));
  }

  Mono<PlanDocument> create(PlanRequest request) {
    String id = UUID.randomUUID().toString();
    return chains
        .resolve(id, request, TriggerSpec.NONE)
        .flatMap(chained -> resolveStorages(chained).map(resolved -> Map.entry(chained, resolved)))
        .flatMap(
            resolved -> {
              Instant now = clock.instant();
              PlanSnapshot plan =
                  builder.build(id, 1, resolved.getKey(), null, resolved.getValue(), now);
              PlanDocument document =
                  PlanDocument.created(plan, PlanStore.storageIds(plan), now, events.created(plan));
              return store.insert(document);
            });
  }

  Mono<PlanDocument> replace(String id, PlanRequest request, String ifMatch) {
    return change(get(id), ifMatch, current -> rebuild(current, request));
  }

  /** Replaces the plan with the request {@code patch} makes of it, retried on a lost race. */
  Mono<PlanDocument> patch(String id, Function<PlanSnapshot, PlanRequest> patch, String ifMatch) {
    return change(get(id), ifMatch, current -> rebuild(current, patch.apply(current.plan())));
  }

  /**
   * Creates the plan with this name, or replaces it: what a GitOps tool applies. Applying the same
   * request again changes nothing.
   *
   * @return the plan, and whether it was created
   */
  Mono<Applied> apply(String name, PlanRequest request) {
    if (!PlanDocument.nameKey(name).equals(PlanDocument.nameKey(request.name()))) {
      return Mono.error(
          new InvalidRequestException("name", "must be the name in the path, '" + name + "'"));
    }
    return store
        .findByName(name)
        .flatMap(
            current ->
                change(Mono.just(current), null, fresh -> rebuild(fresh, request))
                    .map(plan -> new Applied(plan, false)))
        .switchIfEmpty(Mono.defer(() -> create(request).map(plan -> new Applied(plan, true))))
        // two first applies at once: one creates, the other finds the name taken and replaces
        .retryWhen(Retry.max(1).filter(e -> e instanceof io.syncplan.plan.web.ConflictException));
  }

  record Applied(PlanDocument plan, boolean created) {}

  Mono<PlanDocument> setPaused(String id, boolean paused, String ifMatch) {
    return change(
        get(id),
        ifMatch,
        current -> {
          PlanSnapshot plan = current.plan();
          if (plan.paused() == paused) {
            return Mono.empty();
          }
          PlanSnapshot next = plan.withPaused(paused, plan.version() + 1, clock.instant());
          return Mono.just(
              new Change(
                  next,
                  events.changed(plan, next, paused ? PlanChange.PAUSED : PlanChange.RESUMED)));
        });
  }

  /**
   * Pauses the plan by its own decision, through its outbox like any change, if it is not paused
   * yet and {@code stillDue} holds for it as it is now (re-checked on a lost race).
   *
   * @return whether this call paused it
   */
  Mono<Boolean> pauseItself(
      String id, Predicate<PlanDocument> stillDue, Function<PlanDocument, String> reason) {
    AtomicReference<PlanSnapshot> decided = new AtomicReference<>();
    return change(
            store.find(id),
            null,
            current -> {
              PlanSnapshot plan = current.plan();
              if (plan.paused() || !stillDue.test(current)) {
                return Mono.empty();
              }
              PlanSnapshot next =
                  plan.pausedBecause(reason.apply(current), plan.version() + 1, clock.instant());
              decided.set(next);
              return Mono.just(new Change(next, events.changed(plan, next, PlanChange.PAUSED)));
            })
        .map(
            result ->
                decided.get() != null
                    && result.plan().version() == decided.get().version()
                    && result.plan().paused())
        .defaultIfEmpty(false);
  }

  /**
   * Deletes the plan: publishes its last snapshot as DELETED, then a tombstone. The data at the
   * destination is left alone unless {@code purgeDestination} asks, in which case a command to
   * remove it goes to the plan's pool in the same write, after the plan's last events. What other
   * features keep about the plan (its revision index, ...) goes once it is marked deleted.
   */
  Mono<Void> delete(String id, String ifMatch, boolean purgeDestination) {
    return retryLostRaces(
            get(id)
                .flatMap(
                    current -> {
                      ETags.check(ifMatch, current.plan().version(), "The plan");
                      PlanSnapshot last =
                          current.plan().withVersion(current.plan().version() + 1, clock.instant());
                      return store.markDeleted(
                          current,
                          last,
                          purgeDestination
                              ? events.deletedWithDestinationData(last, clock.instant())
                              : events.deleted(last));
                    })
                .switchIfEmpty(
                    Mono.error(
                        () -> new PreconditionFailedException("The plan", "a newer version"))),
            ifMatch)
        .then(Mono.defer(() -> dataRemoval.forget(id)));
  }

  /** The outcome for one plan of {@link #resealAll}: published again, or why it could not be. */
  public record Resealed(String planId, boolean published, String problem) {}

  /**
   * Builds every plan again, one after the other, so that its secrets (and its storages' copies)
   * are sealed with the current key, or its pool's, and publishes those that changed.
   */
  public Flux<Resealed> resealAll() {
    return store
        .active()
        .concatMap(
            plan ->
                refreshStorages(plan.id())
                    .map(
                        after ->
                            new Resealed(
                                plan.id(), after.plan().version() > plan.plan().version(), null))
                    .onErrorResume(e -> Mono.just(new Resealed(plan.id(), false, e.getMessage()))));
  }

  /**
   * Publishes the plan again as it is built now: with its storages' new settings, its webhooks
   * sealed. Nothing is published when that changes nothing.
   */
  Mono<PlanDocument> refreshStorages(String id) {
    return change(
        get(id), null, current -> rebuild(current, PlanRequests.of(current.plan(), secrets::open)));
  }

  /** A new snapshot of the plan built from the request, or empty when nothing would change. */
  private Mono<Change> rebuild(PlanDocument current, PlanRequest asked) {
    return chains
        .resolve(current.id(), asked, current.plan().trigger())
        .flatMap(request -> resolveStorages(request).map(resolved -> Map.entry(request, resolved)))
        .map(
            resolvedRequest -> {
              PlanRequest request = resolvedRequest.getKey();
              Map<String, StorageSpec> resolved = resolvedRequest.getValue();
              PlanSnapshot plan = current.plan();
              PlanSnapshot next =
                  builder.build(
                      plan.id(), plan.version() + 1, request, plan, resolved, clock.instant());
              if (sameSettings(plan, next)) {
                return Change.NONE;
              }
              return new Change(next, events.changed(plan, next, PlanChange.UPDATED));
            })
        .filter(change -> change != Change.NONE);
  }

  /**
   * Applies a change decided on the current plan, conditional on its version. Without If-Match, a
   * lost race is retried on the new version; with it, it is refused.
   */
  private Mono<PlanDocument> change(
      Mono<PlanDocument> load, String ifMatch, Function<PlanDocument, Mono<Change>> decide) {
    return retryLostRaces(
            load.flatMap(
                current -> {
                  ETags.check(ifMatch, current.plan().version(), "The plan");
                  return decide
                      .apply(current)
                      .flatMap(
                          change -> {
                            Update update = new Update();
                            if (current.plan().paused() && !change.next().paused()) {
                              // resuming gives the plan its pauseAfterFailures tries again
                              update.set("consecutiveFailures", 0);
                            }
                            if (PlanEvents.needsInit(current.plan(), change.next())) {
                              update.set(
                                  "init",
                                  PlanDocument.Initialization.pending(
                                      change.next().version(), clock.instant()));
                            }
                            return store
                                .replace(current, change.next(), change.messages(), update)
                                .switchIfEmpty(
                                    Mono.error(
                                        () ->
                                            new PreconditionFailedException(
                                                "The plan", "a newer version")));
                          })
                      .defaultIfEmpty(current);
                }),
            ifMatch)
        .onErrorResume(
            PreconditionFailedException.class,
            e -> ifMatch == null ? Mono.error(e) : stale(load, e));
  }

  /**
   * A change without If-Match that lost a race is computed again on the newer version; one with
   * If-Match was meant for the version it names only, so its 412 stands.
   */
  private static <T> Mono<T> retryLostRaces(Mono<T> change, String ifMatch) {
    return ifMatch == null ? change.retryWhen(LOST_RACE) : change;
  }

  /** The 412 names the version that is current now. */
  private static Mono<PlanDocument> stale(Mono<PlanDocument> load, PreconditionFailedException e) {
    return load.flatMap(
        now ->
            Mono.error(
                new PreconditionFailedException("The plan", ETags.of(now.plan().version()))));
  }

  private Mono<Map<String, StorageSpec>> resolveStorages(PlanRequest request) {
    Map<String, String> referencedBy = new HashMap<>();
    if (request.source().storage() != null) {
      referencedBy.putIfAbsent(request.source().storage(), "source.storage");
    }
    if (request.destination().storage() != null) {
      referencedBy.putIfAbsent(request.destination().storage(), "destination.storage");
    }
    List<FieldProblem> missing = new ArrayList<>();
    Map<String, StorageSpec> resolved = new HashMap<>();
    return Flux.fromIterable(referencedBy.entrySet())
        .concatMap(
            reference ->
                storages
                    .find(reference.getKey())
                    .doOnNext(storage -> resolved.put(reference.getKey(), storage))
                    .switchIfEmpty(
                        Mono.fromRunnable(
                            () ->
                                missing.add(
                                    new FieldProblem(
                                        reference.getValue(),
                                        "no storage has the id or name '"
                                            + reference.getKey()
                                            + "'")))))
        .then(
            Mono.fromCallable(
                () -> {
                  if (!missing.isEmpty()) {
                    throw new InvalidRequestException(missing);
                  }
                  return resolved;
                }));
  }

  /** True when two snapshots differ in nothing but their version and time of change. */
  static boolean sameSettings(PlanSnapshot a, PlanSnapshot b) {
    return a.withVersion(0, null).equals(b.withVersion(0, null));
  }

  /** A decided change: the next snapshot and the messages it produces. */
  record Change(PlanSnapshot next, List<PendingMessage> messages) {
    static final Change NONE = new Change(null, List.of());
  }
}
