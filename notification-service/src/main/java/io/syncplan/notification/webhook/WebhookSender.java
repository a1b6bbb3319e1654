package io.syncplan.notification.webhook;

import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.notification.channel.AttemptResult;
import io.syncplan.notification.channel.WebhookChannel;
import io.syncplan.notification.config.NotificationProperties;
import io.syncplan.notification.content.Notification;
import io.syncplan.support.network.NetworkPolicy;
import io.syncplan.support.network.RefusedDestinationException;
import io.syncplan.support.network.VettedAddressResolverGroup;
import io.syncplan.support.webhook.WebhookSigner;
import io.syncplan.support.webhook.WebhookUrls;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * POSTs a notification to a webhook and says how it went, without holding a thread while it waits.
 * Every request carries an {@code Idempotency-Key} (the event id, the same on every attempt) and,
 * when the webhook has a secret, a timestamp and an HMAC signature.
 *
 * <p>Requests go only where the {@link NetworkPolicy} allows, to the address it checked. A request
 * that got no answer is recorded as "unreachable" whatever the cause (refused, timed out, not
 * resolved, not allowed): what deliveries show must not tell an open port from a closed one. The
 * cause goes to this service's log.
 */
@Component
public class WebhookSender implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

  /** What deliveries show for any request that got no answer. */
  static final String UNREACHABLE = "unreachable";

  private final WebClient http;
  private final WebhookBodies bodies;
  private final ObjectProvider<SecretCipher> cipher;
  private final Clock clock;
  private final Duration timeout;
  private final ConnectionProvider connections;
  private final LoopResources loops;
  private final VettedAddressResolverGroup resolver;

  WebhookSender(
      WebClient.Builder builder,
      WebhookBodies bodies,
      ObjectProvider<SecretCipher> cipher,
      Clock clock,
      NotificationProperties properties,
      NetworkPolicy network) {
    this.timeout = properties.delivery().timeout();
    // Own connections and event loops rather than Reactor Netty's global ones, which whatever
    // shares the JVM (the standalone stack, a second instance in a test) may dispose under us.
    this.connections =
        ConnectionProvider.builder("webhooks")
            .maxConnections(500)
            .pendingAcquireMaxCount(-1)
            // Shorter than the usual keep-alive of receivers (Node closes idle ones after 5 s), so
            // that a request is not written to a connection the receiver is closing.
            .maxIdleTime(Duration.ofSeconds(4))
            .build();
    this.loops = LoopResources.create("webhooks", LoopResources.DEFAULT_IO_WORKER_COUNT, true);
    this.resolver = new VettedAddressResolverGroup(network, Schedulers.boundedElastic());
    // Redirects are not followed (Reactor Netty's default): a receiver could point elsewhere.
    HttpClient client =
        HttpClient.create(connections)
            .runOn(loops)
            .resolver(resolver)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
            .responseTimeout(timeout);
    // Not observed: an observation records the full URL (http.url), and a Slack or Discord URL
    // is a credential.
    this.http =
        builder
            .clone()
            .clientConnector(new ReactorClientHttpConnector(client))
            .observationRegistry(ObservationRegistry.NOOP)
            .build();
    this.bodies = bodies;
    this.cipher = cipher;
    this.clock = clock;
  }

  public Mono<AttemptResult> send(WebhookChannel webhook, Notification notification) {
    OpenedWebhook opened;
    try {
      opened = OpenedWebhook.of(webhook, cipher.getObject());
    } catch (RuntimeException e) {
      // Sealed with another key, or a key that is missing: no attempt can succeed.
      return Mono.just(
          AttemptResult.rejected(
              null,
              "the webhook's URL, headers or secret cannot be opened (is syncplan.secrets.key the"
                  + " key plan-service seals with?)"));
    }
    URI uri = WebhookUrls.parse(opened.url()).orElse(null);
    if (uri == null) {
      return Mono.just(
          AttemptResult.rejected(null, "only http and https webhook URLs are sent to"));
    }
    long timestamp = clock.instant().getEpochSecond();
    WebhookRequest request = bodies.render(webhook.format(), notification, uri);
    String signature =
        opened.secret() == null
            ? null
            : WebhookSigner.sign(opened.secret(), timestamp, request.body());
    return http.method(request.method())
        .uri(request.uri())
        .headers(
            headers -> {
              opened.headers().forEach((name, value) -> addCustom(headers, name, value, webhook));
              request.formatHeaders().forEach(headers::set);
              headers.set(HttpHeaders.CONTENT_TYPE, request.contentType());
              headers.set(HttpHeaders.USER_AGENT, "syncplan-notifications/1");
              headers.set("Idempotency-Key", notification.eventId());
              headers.set("X-Syncplan-Event", notification.eventType());
              headers.set(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp));
              if (signature != null) {
                headers.set(WebhookSigner.SIGNATURE_HEADER, signature);
              }
            })
        .bodyValue(request.body())
        .exchangeToMono(
            response -> response.releaseBody().then(Mono.fromSupplier(() -> verdict(response))))
        .timeout(timeout)
        .onErrorResume(error -> Mono.just(unreachable(error, uri, webhook)));
  }

  private AttemptResult verdict(ClientResponse response) {
    int status = response.statusCode().value();
    if (status >= 200 && status < 300) {
      return AttemptResult.delivered(status);
    }
    if (status == 429 || status >= 500) {
      Duration retryAfter =
          RetryAfter.parse(
                  response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), clock)
              .orElse(null);
      return AttemptResult.retryable(status, "HTTP " + status, retryAfter);
    }
    return AttemptResult.rejected(status, "HTTP " + status + ": the receiver refused it");
  }

  private AttemptResult unreachable(Throwable error, URI uri, WebhookChannel webhook) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof RefusedDestinationException refused) {
        log.warn("Webhook {} refused by the network policy: {}", webhook.id(), refused.detail());
        return AttemptResult.rejected(null, UNREACHABLE);
      }
    }
    String reason = "no answer within " + timeout.toSeconds() + " s";
    boolean timedOut = false;
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      timedOut |=
          cause instanceof TimeoutException
              || cause instanceof io.netty.handler.timeout.TimeoutException
              || cause instanceof ConnectTimeoutException;
    }
    if (!timedOut) {
      Throwable cause = error.getCause() != null ? error.getCause() : error;
      reason = WebhookUrls.scrub(cause.getClass().getSimpleName() + ": " + cause.getMessage(), uri);
    }
    log.info("Webhook {} unreachable: {}", webhook.id(), reason);
    return AttemptResult.retryable(null, UNREACHABLE, null);
  }

  @Override
  public void destroy() {
    connections.disposeLater().block(Duration.ofSeconds(5));
    // no quiet period: the connections are gone, and Netty's default (2 s of no task) only
    // delayed every stop of the service
    loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(6));
    resolver.close();
  }

  private static void addCustom(
      HttpHeaders headers, String name, String value, WebhookChannel webhook) {
    if (WebhookSigner.reserved(name)) {
      log.warn("Webhook {}: header {} is set by syncplan and was not replaced", webhook.id(), name);
      return;
    }
    headers.set(name, value);
  }
}
