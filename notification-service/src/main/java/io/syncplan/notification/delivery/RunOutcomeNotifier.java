package io.syncplan.notification.delivery;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.notification.rule.PlanRules;
import io.syncplan.notification.rule.PlanRulesStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * For a finished run, claims one delivery per channel that wants it and sends it in the background.
 * {@link #claim} completes once every claim is stored, which is when the run event may be
 * acknowledged.
 */
@Component
class RunOutcomeNotifier {

  private static final Logger log = LoggerFactory.getLogger(RunOutcomeNotifier.class);

  private final PlanRulesStore rules;
  private final DeliveryLog deliveries;
  private final WebhookSender webhooks;

  RunOutcomeNotifier(PlanRulesStore rules, DeliveryLog deliveries, WebhookSender webhooks) {
    this.rules = rules;
    this.deliveries = deliveries;
    this.webhooks = webhooks;
  }

  Mono<Void> claim(Envelope<?> envelope, RunFinished finished) {
    return rules
        .find(finished.planId())
        .switchIfEmpty(Mono.error(() -> new UnknownPlanException(finished.planId())))
        .flatMapMany(plan -> claimWebhooks(envelope, finished, plan))
        .then();
  }

  private Flux<Void> claimWebhooks(Envelope<?> envelope, RunFinished finished, PlanRules plan) {
    WebhookPayload payload = payload(envelope, finished, plan);
    return Flux.fromIterable(plan.notifications().webhooks())
        .filter(webhook -> Outcomes.webhookWants(webhook.on(), finished))
        .concatMap(
            webhook ->
                deliveries
                    .claim(
                        envelope.eventId().toString(),
                        envelope.type(),
                        finished.planId(),
                        finished.runId(),
                        "webhook:" + webhook.url())
                    .doOnNext(claimed -> send(claimed, webhook, payload))
                    .then());
  }

  private void send(Delivery delivery, WebhookTarget webhook, WebhookPayload payload) {
    webhooks
        .post(webhook.url(), delivery.eventId(), payload)
        .flatMap(
            status ->
                deliveries
                    .attempted(delivery, status, null)
                    .then(
                        status >= 200 && status < 300
                            ? deliveries.delivered(delivery)
                            : deliveries.failed(delivery)))
        .onErrorResume(
            error ->
                deliveries
                    .attempted(delivery, null, error.getMessage())
                    .then(deliveries.failed(delivery)))
        .subscribe(
            null,
            error -> log.warn("Delivery {} not recorded: {}", delivery.id(), error.toString()));
  }

  private static WebhookPayload payload(
      Envelope<?> envelope, RunFinished finished, PlanRules plan) {
    return new WebhookPayload(
        WebhookPayload.SCHEMA_VERSION,
        envelope.eventId().toString(),
        envelope.type(),
        envelope.occurredAt(),
        finished.planId(),
        plan.planName(),
        finished.runId(),
        finished.status(),
        finished.startedAt(),
        finished.finishedAt(),
        finished.stats(),
        finished.error());
  }

  /** A run of a plan whose plan event has not arrived yet; retried, then dead-lettered. */
  static class UnknownPlanException extends RuntimeException {
    UnknownPlanException(String planId) {
      super("no notification rules known yet for plan " + planId);
    }
  }
}
