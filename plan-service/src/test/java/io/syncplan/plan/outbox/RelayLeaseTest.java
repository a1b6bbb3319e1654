package io.syncplan.plan.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.plan.PlanServiceTest;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The relay lease in a plan's document, on the real store: one instance's takes of it, and another
 * instance kept out while it is held.
 */
@PlanServiceTest
class RelayLeaseTest {

  @Autowired ReactiveMongoTemplate mongo;

  @Test
  void aPassReleasesOnlyItsOwnTakeSoAWriteThatTookTheLeaseAgainKeepsIt() {
    String planId = storedPlan();
    RelayLease lease = new RelayLease(mongo, Clock.systemUTC());
    String ending = lease.newTake();
    String newer = lease.newTake();

    assertThat(lease.claim(planId, ending).block()).isTrue();
    // a write of the same instance takes the lease again while the first pass ends
    assertThat(lease.claim(planId, newer).block()).as("ours already: claimable").isTrue();
    lease.release(planId, ending).block();
    assertThat(relayLease(planId))
        .as("the ending pass left the newer take in place")
        .containsEntry("take", newer);

    RelayLease otherInstance = new RelayLease(mongo, Clock.systemUTC());
    assertThat(otherInstance.claim(planId, otherInstance.newTake()).block())
        .as("held: another instance stays out")
        .isFalse();
    assertThat(otherInstance.renew(planId).block()).isFalse();

    lease.release(planId, newer).block();
    assertThat(relayLease(planId)).as("released by its own take").isNull();
    assertThat(otherInstance.claim(planId, otherInstance.newTake()).block()).isTrue();
    mongo.remove(query(where("_id").is(planId)), OutboxRelay.COLLECTION).block();
  }

  private String storedPlan() {
    String id = UUID.randomUUID().toString();
    mongo
        .insert(new Document("_id", id).append("outbox", List.of()), OutboxRelay.COLLECTION)
        .block();
    return id;
  }

  private Document relayLease(String planId) {
    return mongo
        .findById(planId, Document.class, OutboxRelay.COLLECTION)
        .block()
        .get("relayLease", Document.class);
  }
}
