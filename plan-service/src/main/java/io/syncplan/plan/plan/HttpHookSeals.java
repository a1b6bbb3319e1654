package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.HttpHook;
import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.plan.secret.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * An HTTP hook as a snapshot carries it: its URL, header values and secret sealed as the plan's
 * pool opens them ({@link Secrets#updateForPool}), since the pool's executors make the request; in
 * clear only the URL's host and fingerprint. The same hook (the same URL) keeps what the request
 * leaves out, and the seals of values that did not change.
 */
@Component
class HttpHookSeals {

  private final Secrets secrets;

  HttpHookSeals(Secrets secrets) {
    this.secrets = secrets;
  }

  /**
   * @param current the plan's hook with the same URL, or null
   */
  HttpHook seal(String planId, String pool, HttpHookRequest request, HttpHook current) {
    Map<String, SealedSecret> headers = new LinkedHashMap<>();
    if (request.headers() == null) {
      if (current != null) {
        // kept as they are, unless sealed with a previous key: then sealed again
        current
            .sealedHeaders()
            .forEach(
                (name, value) ->
                    headers.put(
                        name,
                        secrets.updateForPool(
                            pool, null, value, SecretContext.hookHeader(planId, name))));
      }
    } else {
      request
          .headers()
          .forEach(
              (name, value) ->
                  headers.put(
                      name,
                      secrets.updateForPool(
                          pool,
                          value,
                          current == null ? null : current.sealedHeaders().get(name),
                          SecretContext.hookHeader(planId, name))));
    }
    return HttpHook.sealed(
        request.method() == null ? "POST" : request.method(),
        request.url(),
        secrets.updateForPool(
            pool,
            request.url(),
            current == null ? null : current.sealedUrl(),
            SecretContext.hookUrl(planId)),
        headers,
        secrets.updateForPool(
            pool,
            request.secret(),
            current == null ? null : current.secret(),
            SecretContext.hookSecret(planId)));
  }
}
