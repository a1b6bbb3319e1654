package io.syncplan.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Whether the Kafka cluster answers, by asking it to describe itself within a short timeout. The
 * question goes out on the admin client's own network thread and its answer completes a future, so
 * no event-loop thread waits; only creating the client (which resolves the bootstrap addresses) is
 * done on a worker thread, once.
 */
public class KafkaHealthIndicator extends AbstractReactiveHealthIndicator
    implements DisposableBean {

  private final KafkaAdmin admin;
  private final Duration timeout;
  private volatile AdminClient client;

  public KafkaHealthIndicator(KafkaAdmin admin, Duration timeout) {
    super("Kafka cluster did not answer");
    this.admin = admin;
    this.timeout = timeout;
  }

  @Override
  protected Mono<Health> doHealthCheck(Health.Builder builder) {
    return Mono.fromSupplier(this::client)
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(
            admin -> {
              DescribeClusterResult cluster =
                  admin.describeCluster(
                      new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
              return Mono.fromCompletionStage(cluster.clusterId().toCompletionStage())
                  .zipWith(Mono.fromCompletionStage(cluster.nodes().toCompletionStage()));
            })
        .timeout(timeout.plusMillis(500))
        .map(
            answer ->
                builder
                    .up()
                    .withDetail("clusterId", String.valueOf(answer.getT1()))
                    .withDetail("nodes", answer.getT2().size())
                    .build());
  }

  private AdminClient client() {
    AdminClient current = client;
    if (current == null) {
      synchronized (this) {
        current = client;
        if (current == null) {
          Map<String, Object> config = new HashMap<>(admin.getConfigurationProperties());
          int millis = (int) timeout.toMillis();
          config.put(AdminClientConfig.CLIENT_ID_CONFIG, "syncplan-health");
          config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
          config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
          // Reconnect attempts to an absent broker back off to at most the probe timeout.
          config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, millis);
          current = AdminClient.create(config);
          client = current;
        }
      }
    }
    return current;
  }

  @Override
  public void destroy() {
    AdminClient current = client;
    if (current != null) {
      current.close(Duration.ofSeconds(1));
    }
  }
}
