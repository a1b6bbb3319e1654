package io.syncplan.plan.config;

import java.util.concurrent.TimeUnit;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An API request that needs MongoDB while it is away fails within {@code
 * syncplan.api.store-timeout} (and is answered {@code 503} with {@code Retry-After}) instead of
 * hanging for the driver's 30 s default; readiness reports the outage as fast.
 */
@Configuration(proxyBeanMethods = false)
class StoreTimeoutConfig {

  @Bean
  MongoClientSettingsBuilderCustomizer storeTimeout(PlanApiProperties properties) {
    long millis = properties.storeTimeout().toMillis();
    return settings ->
        settings
            .applyToClusterSettings(
                cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
            .applyToSocketSettings(
                socket -> socket.connectTimeout((int) millis, TimeUnit.MILLISECONDS));
  }
}
