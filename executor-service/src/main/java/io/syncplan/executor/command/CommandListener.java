package io.syncplan.executor.command;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.DestinationPurgeRequested;
import io.syncplan.contracts.plan.PlanInitRequested;
import io.syncplan.contracts.plan.RevisionCleanupRequested;
import io.syncplan.contracts.revision.CurrentVersionRequested;
import io.syncplan.contracts.revision.RevisionIndexRequested;
import io.syncplan.contracts.run.CancelRequested;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.storage.StorageTestRequested;
import io.syncplan.executor.control.ControlCommands;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Takes the commands of this executor's pool, and only those, from Kafka. Handling is quick
 * whatever a run's length, so the consumer never nears {@code max.poll.interval.ms}: a run is only
 * recorded in the ledger (it starts when a slot is free, on another thread), a cancel only flags
 * it, and a maintenance command (initialise a plan, test a storage, clean revisions) is handed to
 * threads of its own, so a storage that takes a minute to time out delays no run command. Run and
 * cancel commands are acknowledged once recorded; a maintenance command whose executor dies while
 * handling it gets no answer and is asked again.
 */
@Component
class CommandListener {

  private static final Logger log = LoggerFactory.getLogger(CommandListener.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final RunCommands runs;
  private final ControlCommands control;

  CommandListener(RunCommands runs, ControlCommands control) {
    this.runs = runs;
    this.control = control;
  }

  @KafkaListener(
      topics = "#{T(io.syncplan.contracts.Topics).commands('${syncplan.executor.pool}')}",
      groupId = "${spring.application.name}.commands.${syncplan.executor.pool}")
  void onCommand(ConsumerRecord<String, Envelope<Message>> record) {
    Envelope<Message> envelope = record.value();
    if (envelope == null) {
      return;
    }
    Message payload = envelope.payload();
    if (payload instanceof RunRequested command) {
      runs.accept(command, TraceHeaders.of(record.headers())).block(TIMEOUT);
    } else if (payload instanceof CancelRequested cancel) {
      runs.cancel(cancel).block(TIMEOUT);
    } else if (payload instanceof PlanInitRequested init) {
      inBackground(envelope, control.initialize(init));
    } else if (payload instanceof StorageTestRequested test) {
      inBackground(envelope, control.testStorage(test));
    } else if (payload instanceof RevisionCleanupRequested cleanup) {
      inBackground(envelope, control.cleanRevisions(cleanup));
    } else if (payload instanceof RevisionIndexRequested index) {
      inBackground(envelope, control.indexRevisions(index));
    } else if (payload instanceof CurrentVersionRequested version) {
      inBackground(envelope, control.findCurrentVersion(version));
    } else if (payload instanceof DestinationPurgeRequested purge) {
      inBackground(envelope, control.purgeDestination(purge));
    } else {
      log.warn("Ignoring a {} on the command topic: not an executor command", envelope.type());
    }
  }

  private static void inBackground(Envelope<Message> envelope, Mono<Void> work) {
    work.subscribe(
        done -> {},
        error -> log.error("{} of plan {} failed", envelope.type(), envelope.planId(), error));
  }
}
