package io.syncplan.scheduler;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.EnvelopeSerializer;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes plan and run events as plan-service and the executors would, through one producer kept
 * open for the test class.
 */
public final class TestEvents implements AutoCloseable {

  private final KafkaProducer<String, Envelope<?>> producer;
  private final Clock clock = Clock.systemUTC();

  public TestEvents(String bootstrapServers) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new EnvelopeSerializer());
  }

  public void plan(PlanChange change, PlanSnapshot plan) {
    plans(change, List.of(plan));
  }

  /** Publishes the plans and waits until the broker has all of them. */
  public void plans(PlanChange change, List<PlanSnapshot> plans) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (PlanSnapshot plan : plans) {
      sent.add(send(Topics.PLAN_EVENTS, plan.id(), wrap(new PlanChanged(change, plan))));
    }
    await(sent);
  }

  /** Removes plans from the compacted topic, as plan-service does after a deletion. */
  public void tombstones(List<String> planIds) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (String planId : planIds) {
      sent.add(producer.send(new ProducerRecord<>(Topics.PLAN_EVENTS, planId, null)));
    }
    await(sent);
  }

  public void runQueued(String planId, String runId, Instant scheduledAt) {
    runEvent(new RunQueued(runId, planId, RunTrigger.MANUAL, scheduledAt, null, false));
  }

  public void runFinished(String planId, String runId, Instant at) {
    runEvent(
        new RunFinished(runId, planId, RunStatus.SUCCEEDED, at, at, 1, false, null, null, null));
  }

  /** Finishes many runs at once, as busy executors would. */
  public void runsFinished(List<RunFinished> runs) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (RunFinished run : runs) {
      sent.add(send(Topics.RUN_EVENTS, run.planId(), wrap(run)));
    }
    await(sent);
  }

  public static RunFinished succeeded(String planId, String runId, Instant at) {
    return new RunFinished(runId, planId, RunStatus.SUCCEEDED, at, at, 1, false, null, null, null);
  }

  public void runEvent(Message event) {
    await(List.of(send(Topics.RUN_EVENTS, event.planId(), wrap(event))));
  }

  private Envelope<?> wrap(Message message) {
    return Envelope.wrap(message, "test", clock);
  }

  private Future<RecordMetadata> send(String topic, String key, Envelope<?> envelope) {
    return producer.send(new ProducerRecord<>(topic, key, envelope));
  }

  private static void await(List<Future<RecordMetadata>> sent) {
    try {
      for (Future<RecordMetadata> future : sent) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot publish test events", e.getCause());
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
