package io.syncplan.notification.delivery;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.notification.TestNotificationRequested;
import io.syncplan.contracts.run.ResyncNeeded;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRetrying;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.notification.channel.Channel;
import io.syncplan.notification.config.NotificationProperties;
import io.syncplan.notification.content.Notification;
import io.syncplan.notification.content.NotificationFactory;
import io.syncplan.notification.rule.Occasion;
import io.syncplan.notification.rule.PlanRules;
import io.syncplan.notification.rule.PlanRulesStore;
import io.syncplan.notification.rule.Subscriptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Decides what an event is to be told to and claims one delivery per channel in the delivery log.
 * What {@link #onRunEvent} and {@link #onTestRequested} return completes once every claim is
 * stored, which is when the event may be acknowledged; the sending happens in the background.
 */
@Component
class Notifier {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final PlanRulesStore rules;
  private final Subscriptions subscriptions;
  private final NotificationFactory notifications;
  private final DeliveryLog deliveries;
  private final DeliveryDispatcher dispatcher;
  private final Clock clock;
  private final Duration maxEventAge;

  Notifier(
      PlanRulesStore rules,
      Subscriptions subscriptions,
      NotificationFactory notifications,
      DeliveryLog deliveries,
      DeliveryDispatcher dispatcher,
      Clock clock,
      NotificationProperties properties) {
    this.rules = rules;
    this.subscriptions = subscriptions;
    this.notifications = notifications;
    this.deliveries = deliveries;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.maxEventAge = properties.maxEventAge();
  }

  Mono<Void> onRunEvent(Envelope<Message> envelope) {
    return onRunEvent(envelope, null);
  }

  /**
   * @param known the plan's rules when the caller has loaded them already, else null
   */
  Mono<Void> onRunEvent(Envelope<Message> envelope, PlanRules known) {
    if (!mayNotify(envelope)) {
      return Mono.empty();
    }
    return (known != null ? Mono.just(known) : plan(envelope))
        .flatMap(
            plan -> {
              Notification notification = notification(envelope, plan);
              return claim(
                  notification,
                  subscriptions.wanting(
                      plan, notification.occasion(), notification.changedFiles()));
            });
  }

  /**
   * Whether a run event can lead to a notification: a start, a retry, an outcome or a needed
   * resync, recent enough. The others (queued, progress, change lists, hooks) are not looked at.
   */
  boolean mayNotify(Envelope<Message> envelope) {
    Message payload = envelope.payload();
    boolean relevant =
        payload instanceof RunFinished
            || payload instanceof ResyncNeeded
            || payload instanceof RunRetrying
            // Later attempts start after a retry, which has its own notification.
            || (payload instanceof RunStarted started && started.attempt() <= 1);
    return relevant && !tooOld(envelope);
  }

  /** A plan paused itself after failures: its channels are told, by the plan's event. */
  Mono<Void> onPlanPaused(Envelope<Message> envelope, String reason, PlanRules plan) {
    if (tooOld(envelope)) {
      return Mono.empty();
    }
    Notification notification = notifications.paused(envelope, reason, plan);
    return claim(notification, subscriptions.wanting(plan, Occasion.PAUSED, false));
  }

  Mono<Void> onTestRequested(Envelope<Message> envelope, TestNotificationRequested request) {
    if (tooOld(envelope)) {
      return Mono.empty();
    }
    String requestId =
        request.requestId() == null ? envelope.eventId().toString() : request.requestId();
    return plan(envelope)
        .flatMap(
            plan -> {
              List<Channel> channels = subscriptions.ofPlan(plan);
              if (channels.isEmpty()) {
                log.info("Test notification {}: plan {} has no channels", requestId, plan.planId());
              }
              return claim(notifications.test(requestId, envelope.occurredAt(), plan), channels);
            });
  }

  private Notification notification(Envelope<Message> envelope, PlanRules plan) {
    Message payload = envelope.payload();
    if (payload instanceof RunStarted started) {
      return notifications.started(envelope, started, plan);
    }
    if (payload instanceof RunRetrying retrying) {
      return notifications.retrying(envelope, retrying, plan);
    }
    if (payload instanceof ResyncNeeded needed) {
      return notifications.needsResync(envelope, needed, plan);
    }
    return notifications.finished(envelope, (RunFinished) payload, plan);
  }

  private Mono<PlanRules> plan(Envelope<Message> envelope) {
    return rules
        .find(envelope.planId())
        .switchIfEmpty(Mono.error(() -> new UnknownPlanException(envelope.planId())));
  }

  private Mono<Void> claim(Notification notification, List<Channel> channels) {
    Instant now = clock.instant();
    return Flux.fromIterable(channels)
        .concatMap(
            channel ->
                deliveries
                    .claim(
                        notification,
                        channel.id(),
                        dispatcher.owner(),
                        now,
                        dispatcher.leaseFrom(now))
                    .doOnNext(claimed -> dispatcher.dispatchClaimed(claimed, channel)))
        .then();
  }

  private boolean tooOld(Envelope<?> envelope) {
    Duration age = Duration.between(envelope.occurredAt(), clock.instant());
    if (age.compareTo(maxEventAge) > 0) {
      log.info(
          "Not notifying {} {} of plan {}: it is {} old (max-event-age {})",
          envelope.type(),
          envelope.eventId(),
          envelope.planId(),
          age,
          maxEventAge);
      return true;
    }
    return false;
  }

  /** An event of a plan whose plan event has not arrived yet; retried, then dead-lettered. */
  static class UnknownPlanException extends RuntimeException {
    UnknownPlanException(String planId) {
      super("no notification rules known yet for plan " + planId);
    }
  }
}
