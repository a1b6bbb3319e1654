package io.syncplan.notification.delivery;

import io.syncplan.notification.channel.Channel;
import io.syncplan.notification.config.NotificationProperties;
import io.syncplan.notification.rule.PlanRulesStore;
import io.syncplan.notification.rule.Subscriptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends the deliveries this instance holds: one attempt at a time per delivery, each recorded in
 * the delivery log before it starts and when it ends, with the wait before the next attempt stored
 * too, so that any instance can carry on where this one stopped.
 *
 * <p>On a graceful stop it lets attempts in flight finish, then hands every pending delivery back
 * (its lease ends at once) for the other instances, or this one's successor, to take over.
 */
@Component
class DeliveryDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

  private final String owner = "notification-" + UUID.randomUUID();
  private final DeliveryLog deliveries;
  private final ChannelSender sender;
  private final DeliveryEvents events;
  private final AttemptRecorder recorder;
  private final PlanRulesStore rules;
  private final Subscriptions subscriptions;
  private final Clock clock;
  private final Duration lease;
  private final Duration timeout;
  private final InFlight inFlight = new InFlight();
  private volatile Disposable.Composite timers = Disposables.composite();
  private volatile boolean running;

  DeliveryDispatcher(
      DeliveryLog deliveries,
      ChannelSender sender,
      DeliveryEvents events,
      AttemptRecorder recorder,
      PlanRulesStore rules,
      Subscriptions subscriptions,
      Clock clock,
      NotificationProperties properties) {
    this.deliveries = deliveries;
    this.sender = sender;
    this.events = events;
    this.recorder = recorder;
    this.rules = rules;
    this.subscriptions = subscriptions;
    this.clock = clock;
    this.lease = properties.delivery().lease();
    this.timeout = properties.delivery().timeout();
  }

  /** This instance's name in the delivery log. */
  String owner() {
    return owner;
  }

  /** How long a claim or a take-over holds a delivery that is due at {@code due}. */
  Instant leaseFrom(Instant due) {
    return due.plus(lease);
  }

  /**
   * Sends the first attempt of a delivery just claimed (its claim started that attempt); returns at
   * once. The attempt does not wait for Kafka to acknowledge the claim's event; the attempt's own
   * event is published after it, so the events of one delivery stay in order.
   */
  void dispatchClaimed(Delivery claimed, Channel channel) {
    Mono<Void> published = events.changed(claimed).cache();
    published.subscribe();
    if (!running) {
      // Claimed while this instance stops: another instance sends it.
      deliveries
          .handBack(claimed, clock.instant())
          .subscribe(
              null,
              error ->
                  log.warn(
                      "Delivery {} could not be handed back: {}", claimed.id(), error.toString()));
      return;
    }
    inFlight.enter();
    send(claimed, channel, published)
        .doFinally(signal -> inFlight.leave())
        .subscribe(null, error -> notRecorded(claimed, error));
  }

  /** Carries on with a delivery taken over from an instance that is gone; returns at once. */
  void resume(Delivery delivery) {
    log.info(
        "Resuming delivery {} after {} attempt(s) of another instance",
        delivery.id(),
        delivery.attempts());
    attemptAt(delivery, Optional.empty(), delivery.nextAttemptAt(), Mono.empty());
  }

  /**
   * Another attempt of a pending delivery, when it is due.
   *
   * @param published completes when the delivery's previous event is published
   */
  private void attemptAt(
      Delivery pending, Optional<Channel> channel, Instant due, Mono<Void> published) {
    if (!running) {
      return; // handed back to the others by stop()
    }
    Duration wait = due == null ? Duration.ZERO : Duration.between(clock.instant(), due);
    if (wait.isNegative() || wait.isZero()) {
      attempt(pending, channel, published);
      return;
    }
    Disposable.Swap slot = Disposables.swap();
    Disposable.Composite current = timers;
    current.add(slot);
    slot.update(
        Mono.delay(wait)
            .subscribe(
                tick -> {
                  current.remove(slot);
                  attempt(pending, channel, published);
                }));
  }

  private void attempt(Delivery pending, Optional<Channel> known, Mono<Void> published) {
    inFlight.enter();
    resolve(pending, known)
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(
            channel ->
                channel.isPresent()
                    ? start(pending, channel.get(), published)
                    : published.then(recorder.channelGone(pending, owner)))
        .doFinally(signal -> inFlight.leave())
        .subscribe(null, error -> notRecorded(pending, error));
  }

  /** Starts the attempt in the log, then sends it; nothing when it is no longer ours to send. */
  private Mono<Void> start(Delivery pending, Channel channel, Mono<Void> published) {
    Instant now = clock.instant();
    return deliveries
        .startAttempt(pending, now, now.plus(lease))
        .flatMap(sending -> send(sending, channel, published));
  }

  /** One attempt already recorded as started; then its outcome, and the next attempt if any. */
  private Mono<Void> send(Delivery sending, Channel channel, Mono<Void> published) {
    return Mono.defer(() -> sender.send(channel, sending.notification()))
        // Rendering and signing are CPU work: off the MongoDB driver's event loop that completed
        // the claim or the start, so its other callbacks are not held up.
        .subscribeOn(Schedulers.parallel())
        .flatMap(result -> published.then(recorder.record(sending, result)))
        .doOnNext(
            pending ->
                attemptAt(pending, Optional.of(channel), pending.nextAttemptAt(), Mono.empty()))
        .then();
  }

  private static void notRecorded(Delivery delivery, Throwable error) {
    log.warn("Delivery {} could not be recorded: {}", delivery.id(), error.toString());
  }

  /** The channel as configured now; empty when the plan no longer has it. */
  private Mono<Channel> resolve(Delivery delivery, Optional<Channel> known) {
    if (known.isPresent()) {
      return Mono.just(known.get());
    }
    return rules
        .find(delivery.planId())
        .flatMap(plan -> Mono.justOrEmpty(subscriptions.find(plan, delivery.channel())));
  }

  @Override
  public void start() {
    timers = Disposables.composite();
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    timers.dispose();
    if (!inFlight.awaitNone(timeout.plusSeconds(2))) {
      log.warn("Stopping with attempts still in flight; they will be recorded as interrupted");
    }
    try {
      Long released = deliveries.release(owner, clock.instant()).block(Duration.ofSeconds(10));
      if (released != null && released > 0) {
        log.info("Handed {} pending deliveries back for another instance", released);
      }
    } catch (RuntimeException e) {
      log.warn(
          "Could not hand pending deliveries back ({}); others take them over when their lease"
              + " ends",
          e.toString());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops after the Kafka listeners (which stop at {@code Integer.MAX_VALUE - 100}). */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 200;
  }
}
