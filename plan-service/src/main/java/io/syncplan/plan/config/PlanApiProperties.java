package io.syncplan.plan.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the API behaves.
 *
 * @param planListRefresh how soon a plan changed through another instance (or a run that finished)
 *     shows in this instance's plan list
 * @param planListReload how often the plan list is read again in full
 * @param storageTestTimeout how long {@code POST /storages/{id}/test} waits for an executor's
 *     answer
 * @param liveRunResync how often this instance's live view of the runs in progress (what live
 *     streams and the overview show) is compared with the store, to heal an event it did not see;
 *     viewers themselves cost no store queries
 * @param currentVersionTimeout how long {@code GET /plans/{id}/versions} waits for an executor to
 *     say what the destination holds now; without an answer the kept versions are shown alone
 * @param storeTimeout how long a request waits for MongoDB to be reachable before it is answered
 *     {@code 503} with {@code Retry-After} (the driver's own default is 30 s)
 */
@ConfigurationProperties("syncplan.api")
public record PlanApiProperties(
    @DefaultValue("1s") Duration planListRefresh,
    @DefaultValue("5m") Duration planListReload,
    @DefaultValue("30s") Duration storageTestTimeout,
    @DefaultValue("30s") Duration liveRunResync,
    @DefaultValue("3s") Duration storeTimeout,
    @DefaultValue("10s") Duration currentVersionTimeout) {

  public PlanApiProperties {
    requirePositive(planListRefresh, "plan-list-refresh");
    requirePositive(planListReload, "plan-list-reload");
    requirePositive(storageTestTimeout, "storage-test-timeout");
    requirePositive(liveRunResync, "live-run-resync");
    requirePositive(storeTimeout, "store-timeout");
    requirePositive(currentVersionTimeout, "current-version-timeout");
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("syncplan.api." + name + " must be a positive duration");
    }
  }
}
