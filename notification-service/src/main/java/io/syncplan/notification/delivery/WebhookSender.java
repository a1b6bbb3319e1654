package io.syncplan.notification.delivery;

import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/** POSTs a payload to a webhook, without blocking any thread while it waits. */
@Component
class WebhookSender {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final WebClient http;

  WebhookSender(WebClient.Builder builder) {
    this.http = builder.build();
  }

  /** The receiver's status code, or an error when it could not be reached in time. */
  Mono<Integer> post(String url, String eventId, WebhookPayload payload) {
    return http.post()
        .uri(url)
        .contentType(MediaType.APPLICATION_JSON)
        .header("Idempotency-Key", eventId)
        .header("X-Syncplan-Event", payload.eventType())
        .bodyValue(payload)
        .exchangeToMono(
            response -> response.releaseBody().thenReturn(response.statusCode().value()))
        .timeout(TIMEOUT)
        .onErrorMap(WebClientRequestException.class, e -> new UnreachableException(url, e));
  }

  /** The receiver could not be reached. */
  static class UnreachableException extends RuntimeException {
    UnreachableException(String url, Throwable cause) {
      super("cannot reach " + url + ": " + cause.getMessage(), cause);
    }
  }
}
