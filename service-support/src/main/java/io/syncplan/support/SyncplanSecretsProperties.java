package io.syncplan.support;

import io.syncplan.contracts.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keys that seal secrets (storage credentials, crypt passwords, webhook secrets), each base64
 * of 32 random bytes ({@code openssl rand -base64 32}). Keep them in a Kubernetes Secret.
 *
 * @param key the current key ({@code SYNCPLAN_SECRETS_KEY}): it seals, and opens. plan-service,
 *     notification-service and the executors of pools without a key of their own share it; a remote
 *     agent is given its pool's key instead
 * @param previousKeys keys replaced by {@code key} ({@code SYNCPLAN_SECRETS_PREVIOUS_KEYS},
 *     comma-separated): they still open what they sealed, until {@code POST /api/v1/secrets/reseal}
 *     has sealed everything again and the runs queued before have run
 * @param poolKeys plan-service only: {@code pool=key} for each executor pool with a key of its own
 *     ({@code SYNCPLAN_SECRETS_POOL_KEYS=laptop-7=<key>,nas=<key>}); the storage secrets and crypt
 *     passwords of that pool's plans are sealed with it, so that its agents, which hold only that
 *     key, open only their own pool's secrets
 */
@ConfigurationProperties("syncplan.secrets")
public record SyncplanSecretsProperties(
    String key, List<String> previousKeys, List<String> poolKeys) {

  public SyncplanSecretsProperties {
    previousKeys =
        previousKeys == null
            ? List.of()
            : previousKeys.stream().filter(k -> k != null && !k.isBlank()).toList();
    poolKeys = poolKeys == null ? List.of() : List.copyOf(poolKeys);
    poolKeysByPool(poolKeys); // a malformed entry stops the service at start
  }

  /** The pool keys by pool. */
  public Map<String, String> poolKeysByPool() {
    return poolKeysByPool(poolKeys);
  }

  private static Map<String, String> poolKeysByPool(List<String> entries) {
    Map<String, String> byPool = new LinkedHashMap<>();
    for (String entry : entries) {
      if (entry == null || entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      String pool = equals < 0 ? "" : entry.substring(0, equals).strip();
      if (!Topics.isValidPool(pool) || equals == entry.length() - 1) {
        throw new IllegalArgumentException(
            "syncplan.secrets.pool-keys: each entry is pool=key, not '"
                + (equals < 0 ? "…" : pool + "=…")
                + "'");
      }
      byPool.put(pool, entry.substring(equals + 1).strip());
    }
    return byPool;
  }
}
