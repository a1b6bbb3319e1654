package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.EmailTarget;
import io.syncplan.contracts.plan.NotificationSpec;
import io.syncplan.contracts.plan.WebhookFormat;
import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.contracts.plan.WebhookUrlRules;
import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.plan.network.OutboundDestinations;
import io.syncplan.plan.secret.Secrets;
import io.syncplan.plan.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A plan's notifications as its snapshot carries them: each webhook's URL, header values and secret
 * sealed, with its host and fingerprint in clear. A webhook whose URL the plan already has keeps
 * what the request leaves out, and the seals of values that did not change. A new URL that the
 * network policy refuses is refused with the request.
 */
@Component
class NotificationSpecs {

  private final Secrets secrets;
  private final OutboundDestinations network;

  NotificationSpecs(Secrets secrets, OutboundDestinations network) {
    this.secrets = secrets;
    this.network = network;
  }

  NotificationSpec build(String planId, NotificationsRequest request, NotificationSpec current) {
    if (request == null) {
      return NotificationSpec.NONE;
    }
    // a webhook is the same webhook when its URL is: it keeps what the request leaves out
    Map<String, WebhookTarget> currentByFingerprint =
        current.webhooks().stream()
            .collect(
                Collectors.toMap(WebhookTarget::fingerprint, Function.identity(), (a, b) -> a));
    List<EmailTarget> emails =
        request.emails() == null
            ? List.of()
            : request.emails().stream()
                .map(
                    e -> new EmailTarget(e.address().strip(), PlanSnapshotBuilder.outcomes(e.on())))
                .toList();
    List<WebhookTarget> webhooks = new ArrayList<>();
    List<WebhookRequest> requested = request.webhooks() == null ? List.of() : request.webhooks();
    for (int i = 0; i < requested.size(); i++) {
      WebhookRequest webhook = requested.get(i);
      WebhookTarget same = currentByFingerprint.get(WebhookTarget.fingerprintOf(webhook.url()));
      String field = "notifications.webhooks[" + i + "].url";
      WebhookUrlRules.problem(format(webhook), webhook.url(), headerNames(webhook, same))
          .ifPresent(
              reason -> {
                throw new InvalidRequestException(field, reason);
              });
      if (same == null) {
        network
            .refusalOfWebhook(webhook.url())
            .ifPresent(
                reason -> {
                  throw new InvalidRequestException(field, reason);
                });
      }
      webhooks.add(webhook(planId, webhook, same));
    }
    return new NotificationSpec(emails, webhooks);
  }

  /** The webhook with its URL, header values and secret sealed; unchanged ones keep their seal. */
  private WebhookTarget webhook(String planId, WebhookRequest request, WebhookTarget current) {
    Map<String, SealedSecret> currentHeaders =
        current == null ? Map.of() : sealedHeaders(planId, current);
    Map<String, SealedSecret> headers = new LinkedHashMap<>();
    if (request.headers() == null) {
      // kept as they are, unless sealed with a previous key: then sealed again (a reseal)
      currentHeaders.forEach(
          (name, value) ->
              headers.put(
                  name, secrets.update(null, value, SecretContext.webhookHeader(planId, name))));
    } else {
      request
          .headers()
          .forEach(
              (name, value) ->
                  headers.put(
                      name,
                      // an empty value is a header sent empty, not a secret removed
                      value.isEmpty()
                          ? secrets.seal(value, SecretContext.webhookHeader(planId, name))
                          : secrets.update(
                              value,
                              currentHeaders.get(name),
                              SecretContext.webhookHeader(planId, name))));
    }
    return WebhookTarget.sealed(
        request.url(),
        secrets.update(
            request.url(),
            current == null ? null : current.sealedUrl(),
            SecretContext.webhookUrl(planId)),
        PlanSnapshotBuilder.outcomes(request.on()),
        format(request),
        headers,
        secrets.update(
            request.secret(),
            current == null ? null : current.secret(),
            SecretContext.webhookSecret(planId)));
  }

  private static WebhookFormat format(WebhookRequest request) {
    return request.format() == null ? WebhookFormat.JSON : WebhookFormat.valueOf(request.format());
  }

  /** The headers the webhook will have: the request's, or those it keeps when it names none. */
  private static Set<String> headerNames(WebhookRequest request, WebhookTarget current) {
    if (request.headers() != null) {
      return request.headers().keySet();
    }
    if (current == null) {
      return Set.of();
    }
    return current.inClear() ? current.headers().keySet() : current.sealedHeaders().keySet();
  }

  /** The header values of a webhook, sealed: a webhook of plan-service 0.1 had them in clear. */
  private Map<String, SealedSecret> sealedHeaders(String planId, WebhookTarget webhook) {
    if (!webhook.inClear()) {
      return webhook.sealedHeaders();
    }
    Map<String, SealedSecret> sealed = new LinkedHashMap<>();
    webhook
        .headers()
        .forEach(
            (name, value) ->
                sealed.put(name, secrets.seal(value, SecretContext.webhookHeader(planId, name))));
    return sealed;
  }
}
