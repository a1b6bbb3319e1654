package io.syncplan.plan.plan;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Seals the webhooks that syncplan 0.1 stored and published with their URL and header values in
 * clear: each such plan is published again, sealed, so that its compacted plan event with the clear
 * URL is superseded (Kafka removes it at the topic's next compaction). Runs once at start, in the
 * background; a plan it could not change is tried again at the next start.
 */
@Component
class ClearWebhookSealer implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ClearWebhookSealer.class);

  private final PlanStore store;
  private final PlanService plans;

  ClearWebhookSealer(PlanStore store, PlanService plans) {
    this.store = store;
    this.plans = plans;
  }

  @Override
  public void run(ApplicationArguments args) {
    sealAll().subscribe();
  }

  /** How many plans were published again with their webhooks sealed. */
  Mono<Long> sealAll() {
    return store
        .withClearWebhooks()
        .concatMap(
            plan ->
                plans
                    .refreshStorages(plan.id())
                    .onErrorResume(
                        e -> {
                          log.warn("Plan {}: webhooks not sealed yet: {}", plan.id(), e.toString());
                          return Mono.empty();
                        }))
        .count()
        .doOnNext(
            count -> {
              if (count > 0) {
                log.info("Sealed the webhook URLs and header values of {} plan(s)", count);
              }
            })
        .onErrorResume(
            e -> {
              log.warn("Webhooks stored in clear not sealed yet: {}", e.toString());
              return Mono.empty();
            });
  }
}
