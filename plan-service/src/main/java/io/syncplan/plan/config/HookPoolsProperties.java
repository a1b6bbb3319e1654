package io.syncplan.plan.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hook commands each executor pool offers, by name: a plan may only name these. The commands
 * themselves are defined on the pool's executors ({@code syncplan.executor.hooks.<name>}), which
 * refuse a run naming one they do not define.
 *
 * @param pools by pool name, {@code syncplan.api.pools.<pool>.hooks}
 * @param hookMaxTimeout the longest timeout a plan's hook may ask for
 */
@ConfigurationProperties("syncplan.api")
public record HookPoolsProperties(
    Map<String, Pool> pools, @DefaultValue("10m") Duration hookMaxTimeout) {

  public HookPoolsProperties {
    pools = pools == null ? Map.of() : Map.copyOf(pools);
    if (hookMaxTimeout == null || hookMaxTimeout.isNegative() || hookMaxTimeout.isZero()) {
      throw new IllegalArgumentException("syncplan.api.hook-max-timeout must be positive");
    }
  }

  /** The hook commands the pool offers; none for a pool not configured. */
  public Set<String> hooksOf(String pool) {
    Pool configured = pools.get(pool);
    return configured == null ? Set.of() : Set.copyOf(configured.hooks());
  }

  /**
   * @param hooks the names of the hook commands the pool's executors define
   */
  public record Pool(List<String> hooks) {

    public Pool {
      hooks = hooks == null ? List.of() : List.copyOf(hooks);
    }
  }
}
