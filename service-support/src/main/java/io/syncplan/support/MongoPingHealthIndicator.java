package io.syncplan.support;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * Whether the store answers, by the {@code ping} command every MongoDB-compatible server knows.
 * Boot's own indicator sends {@code hello}, which the embedded store of the standalone stack does
 * not know, so it reported a healthy service as down (this bean, by its name, takes its place).
 */
public class MongoPingHealthIndicator extends AbstractReactiveHealthIndicator {

  private final ReactiveMongoTemplate mongo;

  public MongoPingHealthIndicator(ReactiveMongoTemplate mongo) {
    super("MongoDB ping failed");
    this.mongo = mongo;
  }

  @Override
  protected Mono<Health> doHealthCheck(Health.Builder builder) {
    return mongo.executeCommand(new Document("ping", 1)).map(answer -> builder.up().build());
  }
}
