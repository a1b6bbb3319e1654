package io.syncplan.support;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How syncplan's topics are created when a service finds them missing.
 *
 * @param partitions partitions of each topic: the most consumers of one group that can share it
 * @param replicationFactor copies of each partition; 3 on a production cluster, 1 on one machine
 * @param healthTimeout how long the readiness check waits for the cluster to answer before it
 *     reports Kafka down; keep it below the readiness probe's timeout
 */
@ConfigurationProperties("syncplan.kafka")
public record SyncplanKafkaProperties(
    @DefaultValue("6") int partitions,
    @DefaultValue("1") short replicationFactor,
    @DefaultValue("2s") Duration healthTimeout) {

  public SyncplanKafkaProperties {
    if (partitions < 1) {
      throw new IllegalArgumentException("syncplan.kafka.partitions must be at least 1");
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("syncplan.kafka.replication-factor must be at least 1");
    }
    if (healthTimeout.isNegative() || healthTimeout.isZero()) {
      throw new IllegalArgumentException("syncplan.kafka.health-timeout must be positive");
    }
  }
}
