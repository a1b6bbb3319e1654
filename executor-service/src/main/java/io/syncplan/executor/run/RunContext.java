package io.syncplan.executor.run;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.syncplan.executor.ledger.LedgerEntry;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * A run as seen from whichever thread works for it (its worker, its attempt threads, the heartbeat
 * thread): the {@code planId} and {@code runId} MDC keys every log line of the run carries, and the
 * observation that continues the trace of the command that asked for the run. The command's trace
 * headers travel with the run in the ledger, so the trace continues on whichever executor runs it,
 * and the run events it publishes (inside this observation) carry the same trace.
 *
 * <p>Written against micrometer-observation only: with a tracing bridge on the class path the
 * observation is a span whose parent is read from the stored headers; without one it costs nearly
 * nothing.
 */
final class RunContext {

  /** The observation's name: a span (and a timer) per run processed by an executor. */
  static final String OBSERVATION = "syncplan.executor.run";

  private final String planId;
  private final String runId;
  private final Observation observation;

  private RunContext(String planId, String runId, Observation observation) {
    this.planId = planId;
    this.runId = runId;
    this.observation = observation;
  }

  /** Starts the run's observation, a child of the trace its command's headers name. */
  static RunContext start(LedgerEntry entry, ObservationRegistry registry) {
    Map<String, String> headers = entry.traceHeaders() == null ? Map.of() : entry.traceHeaders();
    ReceiverContext<Map<String, String>> receiver =
        new ReceiverContext<>((carrier, key) -> carrier.get(key));
    receiver.setCarrier(headers);
    receiver.setRemoteServiceName("kafka");
    Observation observation =
        Observation.createNotStarted(OBSERVATION, () -> receiver, registry)
            .contextualName("run " + entry.command().plan().mode())
            .lowCardinalityKeyValue("mode", entry.command().plan().mode().name())
            .lowCardinalityKeyValue("pool", entry.pool() == null ? "" : entry.pool())
            .highCardinalityKeyValue("planId", entry.planId())
            .highCardinalityKeyValue("runId", entry.runId())
            .start();
    return new RunContext(entry.planId(), entry.runId(), observation);
  }

  /** Does the work on this thread as part of the run: its MDC keys set, its observation current. */
  <T> T call(Supplier<T> work) {
    Map<String, String> previous = MDC.getCopyOfContextMap();
    MDC.put("planId", planId);
    MDC.put("runId", runId);
    try (Observation.Scope scope = observation.openScope()) {
      return work.get();
    } finally {
      if (previous == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(previous);
      }
    }
  }

  void run(Runnable work) {
    call(
        () -> {
          work.run();
          return null;
        });
  }

  /** Wraps work to be done on another thread as part of the run. */
  Runnable wrap(Runnable work) {
    return () -> run(work);
  }

  void error(Throwable error) {
    observation.error(error);
  }

  /** Ends the run's observation (its span). */
  void stop() {
    observation.stop();
  }
}
