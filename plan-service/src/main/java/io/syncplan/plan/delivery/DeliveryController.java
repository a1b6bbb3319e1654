package io.syncplan.plan.delivery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.syncplan.contracts.Topics;
import io.syncplan.contracts.notification.TestNotificationRequested;
import io.syncplan.plan.outbox.PendingMessage;
import io.syncplan.plan.plan.PlanNotFoundException;
import io.syncplan.plan.plan.PlanService;
import io.syncplan.plan.plan.PlanStore;
import io.syncplan.plan.web.ConflictException;
import io.syncplan.support.MessagePublisher;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Notifications: test a plan's channels, and see how each notification was delivered. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Notifications")
class DeliveryController {

  private final PlanService plans;
  private final PlanStore store;
  private final Deliveries deliveries;
  private final MessagePublisher publisher;

  DeliveryController(
      PlanService plans, PlanStore store, Deliveries deliveries, MessagePublisher publisher) {
    this.plans = plans;
    this.store = store;
    this.deliveries = deliveries;
    this.publisher = publisher;
  }

  record TestAccepted(String requestId, String deliveries) {}

  @PostMapping("/plans/{planId}/notifications/test")
  @Operation(summary = "Send a test notification to every channel of the plan")
  Mono<ResponseEntity<TestAccepted>> test(@PathVariable String planId) {
    return plans
        .get(planId)
        .flatMap(
            plan -> {
              var notifications = plan.plan().notifications();
              if (notifications.emails().isEmpty() && notifications.webhooks().isEmpty()) {
                return Mono.error(
                    new ConflictException(
                        "The plan has no email address or webhook to notify",
                        Map.of("planId", planId)));
              }
              String requestId = UUID.randomUUID().toString();
              PendingMessage command =
                  PendingMessage.of(
                      Topics.NOTIFICATION_COMMANDS,
                      publisher.envelope(new TestNotificationRequested(planId, requestId)));
              String location = "/api/v1/plans/" + planId + "/notifications/tests/" + requestId;
              return store
                  .enqueue(planId, List.of(command))
                  .switchIfEmpty(Mono.error(() -> new PlanNotFoundException(planId)))
                  .thenReturn(
                      ResponseEntity.accepted()
                          .location(URI.create(location))
                          .body(new TestAccepted(requestId, location)));
            });
  }

  @GetMapping("/plans/{planId}/notifications/tests/{requestId}")
  @Operation(summary = "How the deliveries of a test notification went")
  Mono<List<DeliveryView>> testDeliveries(
      @PathVariable String planId, @PathVariable String requestId) {
    return deliveries.ofEvent(planId, requestId).map(DeliveryView::of).collectList();
  }

  @GetMapping("/runs/{runId}/deliveries")
  @Operation(summary = "How the notifications about a run were delivered")
  Mono<List<DeliveryView>> ofRun(@PathVariable String runId) {
    return deliveries.ofRun(runId).map(DeliveryView::of).collectList();
  }
}
