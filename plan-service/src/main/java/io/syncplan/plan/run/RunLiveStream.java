package io.syncplan.plan.run;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A run as Server-Sent Events: {@code run} with the run as it is, then {@code status} when its
 * status changed, {@code progress} when its progress moved, {@code update} for anything else (an
 * attempt recorded, say), and {@code finished} with the final state, after which the stream ends.
 * Every event carries the whole run, as {@code GET /api/v1/runs/{id}} shows it. The run is read
 * from the store once, when the stream starts; every change after that comes from this instance's
 * {@link RunEventHub}, so a stream costs no store query while it lasts. A comment every 15 seconds
 * keeps proxies from closing a quiet stream.
 */
@Component
class RunLiveStream {

  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final RunService runs;
  private final RunEventHub hub;

  RunLiveStream(RunService runs, RunEventHub hub) {
    this.runs = runs;
    this.hub = hub;
  }

  /** The run's events; fails with {@link RunNotFoundException} before the stream starts. */
  Flux<ServerSentEvent<RunResponse>> follow(String runId) {
    return runs.get(runId).flatMapMany(stored -> events(runId, stored));
  }

  private Flux<ServerSentEvent<RunResponse>> events(String runId, RunDocument stored) {
    AtomicReference<RunResponse> last = new AtomicReference<>();
    // the hub's changes are listened to before the stored run is merged into it, so none is missed
    Flux<RunResponse> changes =
        Flux.merge(
            hub.updates().filter(update -> update.run().runId().equals(runId)).map(RunUpdate::run),
            Mono.fromSupplier(() -> RunResponse.of(hub.seed(stored))));
    Flux<ServerSentEvent<RunResponse>> events =
        changes
            .filter(run -> isNews(last.get(), run))
            .map(run -> event(last.getAndSet(run), run))
            .takeUntil(event -> "finished".equals(event.event()));
    Flux<ServerSentEvent<RunResponse>> keepAlive =
        Flux.interval(KEEP_ALIVE)
            .map(tick -> ServerSentEvent.<RunResponse>builder().comment("keep-alive").build());
    // the keep-alive ends with the stream, when the final event has gone out
    return Flux.merge(events, keepAlive).takeUntil(event -> "finished".equals(event.event()));
  }

  /** Newer than what went out last (a change can overtake the stored run on its way). */
  private static boolean isNews(RunResponse previous, RunResponse run) {
    if (previous == null) {
      return true;
    }
    if (previous.status().isFinal()) {
      return false;
    }
    return run.status().isFinal()
        || run.updatedAt() == null
        || previous.updatedAt() == null
        || run.updatedAt().isAfter(previous.updatedAt());
  }

  private static ServerSentEvent<RunResponse> event(RunResponse previous, RunResponse run) {
    return ServerSentEvent.builder(run)
        .event(RunUpdate.eventName(previous, run))
        .id(run.runId() + ":" + (run.updatedAt() == null ? 0 : run.updatedAt().toEpochMilli()))
        .build();
  }
}
