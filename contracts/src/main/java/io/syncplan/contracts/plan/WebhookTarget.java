package io.syncplan.contracts.plan;

import io.syncplan.contracts.secret.SealedSecret;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A webhook of a plan.
 *
 * @param on the outcomes it wants; empty means every finished run
 * @param secret signs each delivery; sealed, never sent in clear
 */
public record WebhookTarget(
    String url,
    Set<Outcome> on,
    WebhookFormat format,
    Map<String, String> headers,
    SealedSecret secret) {

  public WebhookTarget {
    Objects.requireNonNull(url, "url");
    on = on == null ? Set.of() : Set.copyOf(on);
    format = format == null ? WebhookFormat.JSON : format;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public static WebhookTarget json(String url) {
    return new WebhookTarget(url, null, null, null, null);
  }
}
