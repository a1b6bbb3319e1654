package io.syncplan.executor.control;

import io.syncplan.contracts.plan.DestinationPurgeRequested;
import io.syncplan.contracts.plan.DestinationPurged;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.executor.bisync.BisyncStateStore;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.ledger.RunLedger;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.RcloneOutput;
import io.syncplan.executor.rclone.RcloneRunner;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import io.syncplan.executor.storage.RemoteFactory;
import io.syncplan.executor.storage.UnreadableSecretException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Removes everything at a deleted plan's destination (its revision history lives inside it) and,
 * for BISYNC, the plan's stored bisync state, when the plan's deletion explicitly asked for it. It
 * holds the plan as a run would (the plan lease), so it never overlaps a run of the plan: it waits
 * up to one lease duration for an active run to end, then refuses with the reason. It never touches
 * the source, and refuses when the source lies inside the destination, or when a local destination
 * is one of the executor's local roots or a folder above one. A destination that does not exist
 * counts as removed ({@code existed} false).
 */
@Component
class DestinationPurger {

  private static final Logger log = LoggerFactory.getLogger(DestinationPurger.class);

  /** The longest a purge may take; the plan stays held for no longer than this plus a lease. */
  static final Duration PURGE_TIMEOUT = Duration.ofHours(1);

  private final RemoteFactory remotes;
  private final RcloneCommandBuilder commands;
  private final RcloneRunner rclone;
  private final RunLedger ledger;
  private final BisyncStateStore bisyncState;
  private final ExecutorProperties properties;
  private final Clock clock;

  DestinationPurger(
      RemoteFactory remotes,
      RcloneCommandBuilder commands,
      RcloneRunner rclone,
      RunLedger ledger,
      BisyncStateStore bisyncState,
      ExecutorProperties properties,
      Clock clock) {
    this.remotes = remotes;
    this.commands = commands;
    this.rclone = rclone;
    this.ledger = ledger;
    this.bisyncState = bisyncState;
    this.properties = properties;
    this.clock = clock;
  }

  /** Waits for the plan to be free, then purges on {@code worker}, a thread allowed to block. */
  Mono<DestinationPurged> purge(DestinationPurgeRequested command, Scheduler worker) {
    String planId = command.planId();
    String holder = "purge:" + command.requestId();
    return hold(planId, holder)
        .flatMap(
            held ->
                Mono.fromCallable(() -> purgeHeld(command))
                    .subscribeOn(worker)
                    .onErrorResume(e -> ledger.releasePlan(planId, holder).then(Mono.error(e)))
                    .flatMap(result -> ledger.releasePlan(planId, holder).thenReturn(result)))
        .switchIfEmpty(
            Mono.fromSupplier(
                () ->
                    failed(
                        command,
                        "a run of the plan is still active; the destination was left alone")))
        .doOnNext(DestinationPurger::logOutcome);
  }

  /** Emits once the plan is held, polling as a claim would; empty if it stays busy. */
  private Mono<Boolean> hold(String planId, String holder) {
    long polls =
        Math.max(1, properties.leaseDuration().toMillis() / properties.claimInterval().toMillis());
    return Mono.defer(
            () ->
                ledger.holdPlan(
                    planId,
                    holder,
                    clock.instant().plus(PURGE_TIMEOUT).plus(properties.leaseDuration())))
        .filter(Boolean::booleanValue)
        .repeatWhenEmpty(repeats -> repeats.take(polls).delayElements(properties.claimInterval()));
  }

  private DestinationPurged purgeHeld(DestinationPurgeRequested command) {
    PlanSnapshot plan = command.plan();
    try {
      String overlap = overlap(plan.source(), plan.destination());
      if (overlap != null) {
        return failed(command, overlap);
      }
      remotes.check(plan);
      String root = rootProblem(plan.destination());
      if (root != null) {
        return failed(command, root);
      }
      // The plain location, not through the plan's crypt remote: everything under the path goes.
      RcloneOutput output =
          rclone.run(commands.purge(remotes.destination(plan.destination())), PURGE_TIMEOUT);
      boolean missing = output.report().directoryNotFound();
      if (!output.succeeded() && !missing) {
        String why = output.report().errorMessage();
        return failed(
            command,
            "the destination could not be removed: "
                + (why == null ? "rclone exited with code " + output.report().exitCode() : why));
      }
      // Its state is only worth anything with the destination it describes.
      bisyncState.forget(plan.id());
      return new DestinationPurged(plan.id(), command.requestId(), true, !missing, null);
    } catch (UnsafeArgumentException | UnreadableSecretException e) {
      return failed(command, e.getMessage());
    }
  }

  /**
   * Why removing the destination would remove (part of) the source, or null: both on the same
   * storage (or both local) and the source at or under the destination's path, or the destination
   * is the storage's root.
   */
  static String overlap(Endpoint source, Endpoint destination) {
    Path to = Path.of("/", destination.path()).normalize();
    if (to.getNameCount() == 0) {
      return "the destination is the root of its storage; it is not removed as a whole";
    }
    boolean sameStorage =
        source.isLocal() == destination.isLocal()
            && (source.isLocal()
                || Objects.equals(source.storage().id(), destination.storage().id()));
    if (sameStorage && Path.of("/", source.path()).normalize().startsWith(to)) {
      return "the source lies inside the destination; the destination was left alone";
    }
    return null;
  }

  /**
   * Why removing a local destination would remove a local root or a folder above one, or null. A
   * local storage's path counts from the file system's root, as the executor resolves it.
   */
  private String rootProblem(Endpoint destination) {
    boolean local = destination.isLocal() || "local".equals(destination.storage().type());
    if (!local) {
      return null;
    }
    String path =
        destination.path().startsWith("/") ? destination.path() : "/" + destination.path();
    String problem = remotes.localRoots().purgeProblem(path);
    return problem == null ? null : "the destination " + path + " " + problem;
  }

  private static DestinationPurged failed(DestinationPurgeRequested command, String why) {
    return new DestinationPurged(command.planId(), command.requestId(), false, true, why);
  }

  private static void logOutcome(DestinationPurged purged) {
    if (purged.success()) {
      log.info(
          "Destination of deleted plan {} removed (request {}){}",
          purged.planId(),
          purged.requestId(),
          purged.existed() ? "" : "; there was nothing there");
    } else {
      log.warn(
          "Destination of deleted plan {} not removed (request {}): {}",
          purged.planId(),
          purged.requestId(),
          purged.error());
    }
  }
}
