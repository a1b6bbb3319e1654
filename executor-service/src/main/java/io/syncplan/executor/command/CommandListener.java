package io.syncplan.executor.command;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.run.CancelRequested;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.executor.ledger.RunLedger;
import io.syncplan.executor.run.RunDispatcher;
import io.syncplan.support.MessagePublisher;
import java.time.Duration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Takes the commands of this executor's pool from Kafka into the ledger. This is quick whatever the
 * run's length: the run itself starts from the ledger when a slot is free, so the consumer never
 * waits on rclone. A command already in the ledger (sent twice) is ignored.
 */
@Component
class CommandListener {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final RunLedger ledger;
  private final RunDispatcher dispatcher;
  private final MessagePublisher publisher;

  CommandListener(RunLedger ledger, RunDispatcher dispatcher, MessagePublisher publisher) {
    this.ledger = ledger;
    this.dispatcher = dispatcher;
    this.publisher = publisher;
  }

  @KafkaListener(
      topics = "#{T(io.syncplan.contracts.Topics).commands('${syncplan.executor.pool}')}",
      groupId = "${spring.application.name}.commands.${syncplan.executor.pool}")
  void onCommand(Envelope<Message> envelope) {
    if (envelope == null) {
      return;
    }
    if (envelope.payload() instanceof RunRequested command) {
      boolean recorded = Boolean.TRUE.equals(ledger.record(command).block(TIMEOUT));
      if (recorded) {
        publisher
            .publish(
                Topics.RUN_EVENTS,
                new RunQueued(
                    command.runId(),
                    command.planId(),
                    command.trigger(),
                    command.scheduledAt(),
                    command.priority(),
                    command.dryRun()))
            .block(TIMEOUT);
        dispatcher.wake();
      }
    } else if (envelope.payload() instanceof CancelRequested cancel) {
      ledger.requestCancel(cancel.runId()).block(TIMEOUT);
    }
  }
}
