package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RetryPolicy;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestFiles;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A run can be followed by its ids and by its trace: every log line of the run, on whichever thread
 * logs it, carries {@code planId} and {@code runId}; the command's trace headers, kept in the
 * ledger, are the parent of the run's observation, and every event the run publishes is sent inside
 * it.
 *
 * <p>No tracing bridge is on this module's class path, so a handler stands in for one: it records
 * the headers the run's observation was started from, and, as a propagating handler does, writes
 * the trace of the run's observation into the records sent beneath it.
 */
@ExecutorTest
class RunContextTest {

  private static final String TRACEPARENT_HEADER = "traceparent";

  @TempDir Path dir;
  @Autowired ObservationRegistry observations;
  RunDriver runs;
  CapturingAppender logs;
  Logger syncplanLogger;
  Level levelBefore;
  final TraceStandIn traces = new TraceStandIn();

  /** Keeps each event's MDC as it was when logged (logback reads it lazily otherwise). */
  static final class CapturingAppender extends ListAppender<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      super.append(event);
    }

    /** What was logged so far; appends happen under the appender's lock, on the run's threads. */
    synchronized List<ILoggingEvent> captured() {
      return new ArrayList<>(list);
    }
  }

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
    syncplanLogger = (Logger) LoggerFactory.getLogger("io.syncplan");
    levelBefore = syncplanLogger.getLevel();
    syncplanLogger.setLevel(Level.DEBUG);
    logs = new CapturingAppender();
    logs.start();
    syncplanLogger.addAppender(logs);
    observations.observationConfig().observationHandler(traces);
  }

  @AfterEach
  void tearDown() {
    syncplanLogger.detachAppender(logs);
    syncplanLogger.setLevel(levelBefore);
    traces.enabled = false;
  }

  @Test
  void everyLogLineOfARunCarriesItsPlanAndRunIdsWhateverThreadLogsIt() throws IOException {
    Path source = dir.resolve("source");
    FileTrees.write(source, 3, 1000, 51);
    // Two failed attempts and a retry between them: the worker, attempt threads and the retry's
    // announcement all log.
    PlanSnapshot plan =
        TestPlans.between(
                Endpoint.local(source.toAbsolutePath().toString()),
                new Endpoint("backup", TestPlans.deadWebdav()))
            .retries(new RetryPolicy(2, Duration.ofMillis(100), 1.0))
            .build();

    RunFinished finished = runs.run(plan);

    assertThat(finished.status()).isEqualTo(RunStatus.FAILED);
    String runId = finished.runId();
    // The worker logs the outcome after publishing it: wait for that line before looking.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                logs.captured().stream()
                    .anyMatch(
                        event ->
                            event.getFormattedMessage().contains(runId)
                                && event.getFormattedMessage().contains("ended FAILED")));
    List<ILoggingEvent> ofTheRun =
        logs.captured().stream()
            .filter(
                event ->
                    (isRunThread(event.getThreadName()) && !ofAnotherRun(event, runId))
                        || event.getFormattedMessage().contains(runId))
            .toList();
    assertThat(ofTheRun)
        .extracting(ILoggingEvent::getThreadName)
        .anyMatch(thread -> thread.startsWith("run-worker"))
        .anyMatch(thread -> thread.startsWith("run-attempt"));
    assertThat(ofTheRun)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(message -> message.contains("retrying in"))
        .anyMatch(message -> message.contains("ended FAILED"))
        .anyMatch(message -> message.startsWith("Starting "));
    assertThat(ofTheRun)
        .allSatisfy(
            event ->
                assertThat(event.getMDCPropertyMap())
                    .as("%s [%s]", event.getFormattedMessage(), event.getThreadName())
                    .containsEntry("runId", runId)
                    .containsEntry("planId", plan.id()));
  }

  @Test
  void theRunContinuesTheCommandsTraceAndItsEventsCarryIt() {
    Path source = dir.resolve("source");
    // Long enough (about 1.5 s) for progress events, which are sent from another thread.
    TestFiles.sized(source.resolve("big.bin"), 24_000_000, 52);
    PlanSnapshot plan = TestPlans.between(source, dir.resolve("destination")).build();
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String traceparent = "00-" + traceId + "-" + traceId.substring(0, 16) + "-01";
    String runId = "run-" + UUID.randomUUID();

    runs.send(
        new RunRequested(runId, RunTrigger.MANUAL, Instant.now(), null, false, plan),
        plan.pool(),
        Map.of(TRACEPARENT_HEADER, traceparent, "unrelated", "not kept"));
    RunFinished finished = runs.awaitFinished(runId);

    assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(traces.runCarriers).containsKey(runId);
    assertThat(traces.runCarriers.get(runId))
        .containsExactlyEntriesOf(Map.of(TRACEPARENT_HEADER, traceparent));
    List<ConsumerRecord<String, Envelope<Message>>> events = eventsOfTheRun(runId);
    assertThat(events)
        .extracting(record -> record.value().type())
        .contains("run.started", "run.progress", "run.succeeded");
    assertThat(events)
        .allSatisfy(
            record ->
                assertThat(header(record, TRACEPARENT_HEADER))
                    .as(record.value().type())
                    .isEqualTo(traceparent));
  }

  @Test
  void withTheRealTracerTheRunsEventsShareTheCommandsTraceId() {
    traces.enabled = false;
    Path source = dir.resolve("source");
    FileTrees.write(source, 5, 1000, 53);
    PlanSnapshot plan = TestPlans.between(source, dir.resolve("destination")).build();
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String commandSpan = traceId.substring(16);
    String runId = "run-" + UUID.randomUUID();

    runs.send(
        new RunRequested(runId, RunTrigger.MANUAL, Instant.now(), null, false, plan),
        plan.pool(),
        Map.of(TRACEPARENT_HEADER, "00-" + traceId + "-" + commandSpan + "-01"));
    RunFinished finished = runs.awaitFinished(runId);

    assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
    List<ConsumerRecord<String, Envelope<Message>>> events = eventsOfTheRun(runId);
    assertThat(events)
        .extracting(record -> record.value().type())
        .contains("run.started", "run.succeeded");
    // Brave, through service-support, writes each record's own span under the command's trace.
    assertThat(events)
        .allSatisfy(
            record ->
                assertThat(header(record, TRACEPARENT_HEADER))
                    .as(record.value().type())
                    .startsWith("00-" + traceId + "-")
                    .satisfies(
                        header -> assertThat(header.split("-")[2]).isNotEqualTo(commandSpan)));
  }

  /** A line of a run that an earlier test left finishing (it says so in its MDC). */
  private static boolean ofAnotherRun(ILoggingEvent event, String runId) {
    String logged = event.getMDCPropertyMap().get("runId");
    return logged != null && !logged.equals(runId);
  }

  private static boolean isRunThread(String thread) {
    return thread.startsWith("run-worker")
        || thread.startsWith("run-attempt")
        || thread.startsWith("run-heartbeat");
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /**
   * Stands in for a tracing bridge: remembers the carrier each run's observation was started from
   * and, as a propagating sender handler would, writes the run's {@code traceparent} into every
   * record sent within the run's observation.
   */
  static final class TraceStandIn implements ObservationHandler<Observation.Context> {

    final Map<String, Map<String, String>> runCarriers = new ConcurrentHashMap<>();
    volatile boolean enabled = true;

    @Override
    public boolean supportsContext(Observation.Context context) {
      return enabled;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onStart(Observation.Context context) {
      if (context instanceof ReceiverContext<?> receiver
          && RunContext.OBSERVATION.equals(context.getName())) {
        runCarriers.put(
            context.getHighCardinalityKeyValue("runId").getValue(),
            Map.copyOf((Map<String, String>) receiver.getCarrier()));
      } else if (context instanceof SenderContext<?> sender) {
        Map<String, String> run = runCarrierAbove(context);
        if (run != null && run.containsKey(TRACEPARENT_HEADER)) {
          ((SenderContext<Object>) sender)
              .getSetter()
              .set(sender.getCarrier(), TRACEPARENT_HEADER, run.get(TRACEPARENT_HEADER));
        }
      }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> runCarrierAbove(Observation.Context context) {
      ObservationView parent = context.getParentObservation();
      while (parent != null) {
        if (parent.getContextView() instanceof ReceiverContext<?> receiver
            && RunContext.OBSERVATION.equals(receiver.getName())) {
          return (Map<String, String>) receiver.getCarrier();
        }
        parent =
            parent.getContextView() instanceof Observation.Context view
                ? view.getParentObservation()
                : null;
      }
      return null;
    }
  }

  /**
   * The run's events from its start on. QUEUED is left out: it is published when the command is
   * taken, before the run, within the command listener's own observation.
   */
  private List<ConsumerRecord<String, Envelope<Message>>> eventsOfTheRun(String runId) {
    return runs.recorder().records().stream()
        .filter(record -> record.topic().equals(Topics.RUN_EVENTS))
        .filter(record -> record.value() != null && runId.equals(record.value().runId()))
        .filter(record -> !(record.value().payload() instanceof RunQueued))
        .toList();
  }
}
