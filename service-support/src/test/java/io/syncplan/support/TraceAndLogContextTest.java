package io.syncplan.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.syncplan.contracts.notification.TestNotificationRequested;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.support.SupportTestApplication.FinishedSpans;
import io.syncplan.support.SupportTestApplication.Listeners;
import io.syncplan.support.SupportTestApplication.Seen;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

@SupportTest
@Order(1)
class TraceAndLogContextTest {

  @Autowired MessagePublisher publisher;
  @Autowired ObservationRegistry observations;
  @Autowired Tracer tracer;
  @Autowired Listeners listeners;
  @Autowired FinishedSpans finished;

  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger listenerLog = (Logger) LoggerFactory.getLogger(Listeners.class);

  @Autowired KafkaListenerEndpointRegistry containers;

  @BeforeEach
  void captureListenerLinesOnceListenersHavePartitions() {
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                containers.getListenerContainers().stream()
                    .allMatch(
                        container ->
                            container.getAssignedPartitions() != null
                                && !container.getAssignedPartitions().isEmpty()));
    lines.start();
    listenerLog.addAppender(lines);
  }

  @AfterEach
  void stopCapturing() {
    listenerLog.detachAppender(lines);
  }

  @Test
  void aRecordListenerContinuesThePublishersTraceInW3cHeaders() throws Exception {
    String traceId =
        publishObserved(SupportTestApplication.RECORD_TOPIC, queued("plan-t", "run-t"));

    Seen seen = next("record");
    assertThat(seen.traceparent()).startsWith("00-" + traceId + "-");
    assertThat(seen.currentTraceId()).isEqualTo(traceId);
    assertThat(seen.mdc()).containsEntry("traceId", traceId);
  }

  @Test
  void everyLineOfARecordListenerNamesItsPlanAndRunAndNothingLeaksToTheNext() throws Exception {
    publisher.publish(SupportTestApplication.RECORD_TOPIC, queued("plan-a", "run-a")).block();
    next("record");
    publisher
        .publish(
            SupportTestApplication.RECORD_TOPIC, new TestNotificationRequested("plan-b", "req-1"))
        .block();
    next("record");

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines.list).hasSize(4));
    List<ILoggingEvent> first = lines.list.subList(0, 2);
    List<ILoggingEvent> second = lines.list.subList(2, 4);
    // The second line of each was written on a worker thread of a reactive chain.
    assertThat(first.get(1).getThreadName()).isNotEqualTo(first.get(0).getThreadName());
    assertThat(first)
        .allSatisfy(
            line ->
                assertThat(line.getMDCPropertyMap())
                    .containsEntry("planId", "plan-a")
                    .containsEntry("runId", "run-a"));
    assertThat(second)
        .allSatisfy(
            line ->
                assertThat(line.getMDCPropertyMap())
                    .containsEntry("planId", "plan-b")
                    .doesNotContainKey("runId"));
  }

  @Test
  void aHandMadeBatchFactoryGetsTheLogContextAndAConsumerSpanPerRecord() throws Exception {
    String traceId = publishObserved(SupportTestApplication.BATCH_TOPIC, queued("plan-c", "run-c"));

    Seen seen = next("batch");
    assertThat(seen.traceparent()).startsWith("00-" + traceId + "-");
    assertThat(seen.mdc()).containsEntry("planId", "plan-c").containsEntry("runId", "run-c");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(finished.spans)
                    .anySatisfy(
                        span -> {
                          assertThat(span.traceId()).isEqualTo(traceId);
                          assertThat(span.kind()).isEqualTo(brave.Span.Kind.CONSUMER);
                        }));
    assertThat(lines.list)
        .filteredOn(line -> line.getFormattedMessage().startsWith("handling a batch"))
        .allSatisfy(line -> assertThat(line.getMDCPropertyMap()).containsEntry("planId", "plan-c"));
  }

  /** Publishes inside an observation, as a listener or an HTTP request would; its trace id. */
  private String publishObserved(String topic, RunQueued payload) {
    Observation observation = Observation.start("test.publish", observations);
    try (Observation.Scope scope = observation.openScope()) {
      String traceId = tracer.currentSpan().context().traceId();
      publisher.publish(topic, payload).block();
      return traceId;
    } finally {
      observation.stop();
    }
  }

  private Seen next(String listener) throws InterruptedException {
    Seen seen = listeners.seen.poll(20, TimeUnit.SECONDS);
    assertThat(seen).as("a message reached the " + listener + " listener").isNotNull();
    assertThat(seen.listener()).isEqualTo(listener);
    return seen;
  }

  private static RunQueued queued(String planId, String runId) {
    return new RunQueued(
        runId,
        planId,
        RunTrigger.MANUAL,
        Instant.parse("2026-11-26T12:00:00Z"),
        Priority.NORMAL,
        false);
  }
}
