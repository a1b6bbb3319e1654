package io.syncplan.executor.hook;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.syncplan.contracts.plan.HookSpec;
import io.syncplan.contracts.plan.HttpHook;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.support.network.NetworkPolicy;
import io.syncplan.support.network.RefusedDestinationException;
import io.syncplan.support.network.VettedAddressResolverGroup;
import io.syncplan.support.webhook.WebhookPayload;
import io.syncplan.support.webhook.WebhookSigner;
import io.syncplan.support.webhook.WebhookUrls;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Makes the requests of HTTP hooks: the run's webhook body (docs/notifications.md), signed like a
 * webhook's ({@link WebhookSigner}), to the URL opened from its seal for this request only. A 2xx
 * answer is a success; any other answer, or none within the hook's timeout, a failure.
 *
 * <p>Requests go only where the {@link NetworkPolicy} allows, to the very address it checked
 * ({@link VettedAddressResolverGroup}, as notification-service's webhooks), and redirects are not
 * followed. A request that got no answer says only "unreachable" in the run, whatever the cause
 * (refused, timed out, not resolved, not allowed), so that a run does not tell an open port from a
 * closed one; the cause goes to this executor's log, without the URL's path or query.
 */
@Component
class HttpHooks implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(HttpHooks.class);

  /** What a hook's outcome says for any request that got no answer. */
  static final String UNREACHABLE = "unreachable";

  private final ObjectProvider<SecretCipher> cipher;
  private final HookProperties properties;
  private final Clock clock;
  private final ConnectionProvider connections;
  private final LoopResources loops;
  private final VettedAddressResolverGroup resolver;
  private final HttpClient client;

  HttpHooks(
      ObjectProvider<SecretCipher> cipher,
      NetworkPolicy network,
      HookProperties properties,
      Clock clock) {
    this.cipher = cipher;
    this.properties = properties;
    this.clock = clock;
    // Own connections and event loops, as notification-service's webhooks: nothing else in the
    // JVM disposes of them under us.
    this.connections =
        ConnectionProvider.builder("http-hooks")
            .maxConnections(50)
            .pendingAcquireMaxCount(-1)
            .maxIdleTime(Duration.ofSeconds(4))
            .build();
    this.loops = LoopResources.create("http-hooks", 1, true);
    this.resolver = new VettedAddressResolverGroup(network, Schedulers.boundedElastic());
    this.client =
        HttpClient.create(connections).runOn(loops).resolver(resolver).followRedirect(false);
  }

  /** Makes the hook's request and waits for its answer, at most the hook's timeout. */
  HookOutcome call(String planId, HookSpec hook, WebhookPayload payload) {
    HttpHook http = hook.http();
    if (!HttpHook.METHODS.contains(http.method())) {
      return HookOutcome.refused(
          "the method " + http.method() + " is not one a hook may use " + HttpHook.METHODS);
    }
    Opened opened;
    try {
      opened = Opened.of(planId, http, cipher.getObject());
    } catch (RuntimeException e) {
      return HookOutcome.refused(
          "the hook's URL, headers or secret cannot be opened (is syncplan.secrets.key the key"
              + " plan-service seals this pool's secrets with?)");
    }
    URI uri = WebhookUrls.parse(opened.url()).orElse(null);
    if (uri == null) {
      return HookOutcome.refused("only http and https URLs are called");
    }
    Duration timeout = properties.timeoutFor(hook.timeout());
    byte[] body = WebhookPayload.json(payload);
    long timestamp = clock.instant().getEpochSecond();
    String signature =
        opened.secret() == null ? null : WebhookSigner.sign(opened.secret(), timestamp, body);
    Instant start = clock.instant();
    int status;
    try {
      status =
          client
              .option(
                  ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 60_000))
              .responseTimeout(timeout)
              .headers(
                  headers -> {
                    opened
                        .headers()
                        .forEach(
                            (name, value) -> {
                              if (WebhookSigner.reserved(name)) {
                                log.warn(
                                    "Hook {}: header {} is set by syncplan and was not replaced",
                                    http.label(),
                                    name);
                              } else {
                                headers.set(name, value);
                              }
                            });
                    headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                    headers.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
                    headers.set(HttpHeaderNames.USER_AGENT, "syncplan-hooks/1");
                    headers.set("Idempotency-Key", payload.eventId());
                    headers.set("X-Syncplan-Event", payload.eventType());
                    headers.set("X-Syncplan-Hook", hook.on().name());
                    headers.set(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp));
                    if (signature != null) {
                      headers.set(WebhookSigner.SIGNATURE_HEADER, signature);
                    }
                  })
              .request(HttpMethod.valueOf(http.method()))
              .uri(uri)
              .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
              .responseSingle(
                  (response, content) ->
                      content.asByteArray().then(Mono.just(response.status().code())))
              .timeout(timeout)
              .block();
    } catch (RuntimeException e) {
      logUnreachable(http, uri, e);
      return new HookOutcome(
          "FAILED", Duration.between(start, clock.instant()), null, UNREACHABLE, List.of(), null);
    }
    Duration took = Duration.between(start, clock.instant());
    log.info("Hook {} answered {} after {} ms", http.label(), status, took.toMillis());
    return status >= 200 && status < 300
        ? new HookOutcome("SUCCEEDED", took, null, null, List.of(), status)
        : new HookOutcome("FAILED", took, null, "answered HTTP " + status, List.of(), status);
  }

  private static void logUnreachable(HttpHook http, URI uri, Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof RefusedDestinationException refused) {
        log.warn("Hook {} refused by the network policy: {}", http.label(), refused.detail());
        return;
      }
    }
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    log.info(
        "Hook {} unreachable: {}",
        http.label(),
        WebhookUrls.scrub(cause.getClass().getSimpleName() + ": " + cause.getMessage(), uri));
  }

  @Override
  public void destroy() {
    connections.disposeLater().block(Duration.ofSeconds(5));
    // no quiet period: the connections are gone, and Netty's default (2 s of no task) only
    // delayed every stop of the service
    loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(6));
    resolver.close();
  }

  /**
   * The URL, header values and secret of an HTTP hook, opened for the one request being made.
   *
   * @param secret null for an unsigned request
   */
  private record Opened(String url, Map<String, String> headers, String secret) {

    static Opened of(String planId, HttpHook http, SecretCipher cipher) {
      Map<String, String> headers = new LinkedHashMap<>();
      http.sealedHeaders()
          .forEach(
              (name, value) ->
                  headers.put(name, cipher.open(value, SecretContext.hookHeader(planId, name))));
      return new Opened(
          cipher.open(http.sealedUrl(), SecretContext.hookUrl(planId)),
          headers,
          http.secret() == null
              ? null
              : cipher.open(http.secret(), SecretContext.hookSecret(planId)));
    }

    @Override
    public String toString() {
      return "Opened[***]";
    }
  }
}
