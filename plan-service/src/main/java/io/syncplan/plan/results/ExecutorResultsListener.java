package io.syncplan.plan.results;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.DestinationPurged;
import io.syncplan.contracts.plan.PlanInitialized;
import io.syncplan.contracts.plan.RevisionsCleaned;
import io.syncplan.contracts.revision.CurrentVersionFound;
import io.syncplan.contracts.revision.RevisionIndexCompleted;
import io.syncplan.contracts.revision.RevisionIndexed;
import io.syncplan.contracts.run.RunHeld;
import io.syncplan.contracts.storage.StorageTested;
import io.syncplan.plan.plan.PlanReports;
import io.syncplan.plan.revision.CurrentVersions;
import io.syncplan.plan.revision.RevisionCleanups;
import io.syncplan.plan.revision.RevisionIndex;
import io.syncplan.plan.run.ExecutorAnswers;
import io.syncplan.plan.storage.StorageTests;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records what executors report besides run events: plan initialisation, storage checks, revision
 * clean-ups, the revision index, where a run asked after stands ({@link ExecutorAnswers}); and logs
 * how the removal of a deleted plan's destination data went (the plan is gone, so there is nothing
 * to store it on; the event itself is the record). Runs on a Kafka consumer thread, not an event
 * loop; the offset is committed once the report is stored.
 */
@Component
class ExecutorResultsListener {

  private static final Logger log = LoggerFactory.getLogger(ExecutorResultsListener.class);

  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  private final PlanReports plans;
  private final StorageTests storageTests;
  private final RevisionCleanups cleanups;
  private final ExecutorAnswers answers;
  private final RevisionIndex revisions;
  private final CurrentVersions currentVersions;

  ExecutorResultsListener(
      PlanReports plans,
      StorageTests storageTests,
      RevisionCleanups cleanups,
      ExecutorAnswers answers,
      RevisionIndex revisions,
      CurrentVersions currentVersions) {
    this.revisions = revisions;
    this.currentVersions = currentVersions;
    this.plans = plans;
    this.storageTests = storageTests;
    this.cleanups = cleanups;
    this.answers = answers;
  }

  @KafkaListener(
      topics = Topics.EXECUTOR_RESULTS,
      groupId = "${spring.application.name}.executor-results")
  void onResult(Envelope<Message> envelope) {
    if (envelope == null) {
      return;
    }
    Message payload = envelope.payload();
    Mono<Void> write = Mono.empty();
    if (payload instanceof PlanInitialized initialized) {
      write = plans.initialized(initialized);
    } else if (payload instanceof StorageTested tested) {
      write = storageTests.record(tested);
    } else if (payload instanceof RevisionsCleaned cleaned) {
      write = cleanups.record(cleaned).then(revisions.removed(cleaned));
    } else if (payload instanceof RevisionIndexed indexed) {
      write = revisions.record(indexed);
    } else if (payload instanceof RevisionIndexCompleted completed) {
      write = revisions.completed(completed);
    } else if (payload instanceof CurrentVersionFound found) {
      write = currentVersions.record(found);
    } else if (payload instanceof RunHeld held) {
      write = answers.held(held);
    } else if (payload instanceof DestinationPurged purged) {
      logPurge(purged);
    }
    write.block(WRITE_TIMEOUT);
  }

  private static void logPurge(DestinationPurged purged) {
    if (purged.success()) {
      log.info(
          "Destination data of deleted plan {} removed (request {}{})",
          purged.planId(),
          purged.requestId(),
          purged.existed() ? "" : ", there was none");
    } else {
      log.warn(
          "Destination data of deleted plan {} NOT removed (request {}): {}",
          purged.planId(),
          purged.requestId(),
          purged.error());
    }
  }
}
