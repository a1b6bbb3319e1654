package io.syncplan.executor.run;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.support.MessagePublisher;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes run events. A run's steps wait until Kafka has their event (its next step, and its
 * ledger entry, move on only after); progress is sent without waiting, so a slow broker never slows
 * rclone down.
 *
 * <p>Events are handed to Kafka on the run's own thread (progress on a thread that takes the run's
 * context along), so that the run's observation is the current one when the template sends: an
 * observed template then makes each event's span a child of the run's and puts the run's trace in
 * the record's headers.
 */
@Component
class RunEvents {

  private static final Logger log = LoggerFactory.getLogger(RunEvents.class);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

  private final MessagePublisher publisher;
  private final KafkaTemplate<Object, Object> template;
  private final Scheduler progressSender = Schedulers.boundedElastic();

  RunEvents(MessagePublisher publisher, KafkaTemplate<Object, Object> template) {
    this.publisher = publisher;
    this.template = template;
  }

  /** Publishes the event and waits until Kafka has it. */
  void publish(Message event) {
    send(event).await();
  }

  /**
   * Hands the event to Kafka now; {@link Sent#await()} waits for Kafka's answer. Every event of the
   * run sent after it lands after it on the topic (one key, the plan's, so one partition, and the
   * producer is idempotent, so retries keep the order), whether or not the answer has come yet.
   */
  Sent send(Message event) {
    Envelope<?> envelope = publisher.envelope(event);
    return new Sent(envelope.type(), template.send(Topics.RUN_EVENTS, envelope.planId(), envelope));
  }

  /** An event handed to Kafka, and Kafka's answer to come. */
  record Sent(String type, CompletableFuture<?> answer) {

    /** Waits until Kafka has the event; fails when it could not take it. */
    void await() {
      try {
        answer.get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while publishing " + type, e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("could not publish " + type, e);
      }
    }
  }

  /** Sends a progress event in the background, as part of the run. */
  void publishProgress(Message progress, RunContext context) {
    progressSender.schedule(
        context.wrap(
            () -> {
              Envelope<?> envelope = publisher.envelope(progress);
              template
                  .send(Topics.RUN_EVENTS, envelope.planId(), envelope)
                  .whenComplete(
                      (sent, error) -> {
                        if (error != null) {
                          context.run(
                              () ->
                                  log.debug("A progress event was not sent: {}", error.toString()));
                        }
                      });
            }));
  }
}
