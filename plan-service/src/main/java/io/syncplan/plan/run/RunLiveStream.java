package io.syncplan.plan.run;

import io.syncplan.plan.config.PlanApiProperties;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A run as Server-Sent Events: {@code run} with the run as it is, then {@code status} when its
 * status changed, {@code progress} when its progress moved, {@code update} for anything else (an
 * attempt recorded, say), and {@code finished} with the final state, after which the stream ends.
 * Every event carries the whole run, as {@code GET /api/v1/runs/{id}} shows it. The stream reads
 * the run history, which any instance may write: it looks when this instance records an event of
 * the run and every {@code live-run-poll} besides. A comment every 15 seconds keeps proxies from
 * closing a quiet stream.
 */
@Component
class RunLiveStream {

  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final RunService runs;
  private final RunChangeSignals signals;
  private final Duration poll;

  RunLiveStream(RunService runs, RunChangeSignals signals, PlanApiProperties properties) {
    this.runs = runs;
    this.signals = signals;
    this.poll = properties.liveRunPoll();
  }

  /** The run's events; fails with {@link RunNotFoundException} before the stream starts. */
  Flux<ServerSentEvent<RunResponse>> follow(String runId) {
    return runs.get(runId).flatMapMany(first -> events(runId, first));
  }

  private Flux<ServerSentEvent<RunResponse>> events(String runId, RunDocument first) {
    AtomicReference<RunDocument> last = new AtomicReference<>();
    Flux<RunDocument> looks =
        Flux.merge(signals.of(runId), Flux.interval(poll))
            .onBackpressureLatest()
            .concatMap(tick -> runs.get(runId).onErrorResume(e -> Mono.empty()), 1);
    Flux<ServerSentEvent<RunResponse>> changes =
        Flux.concat(Mono.just(first), looks)
            .filter(run -> isNews(last.get(), run))
            .map(run -> event(last.getAndSet(run), run))
            .takeUntil(event -> "finished".equals(event.event()));
    Flux<ServerSentEvent<RunResponse>> keepAlive =
        Flux.interval(KEEP_ALIVE)
            .map(tick -> ServerSentEvent.<RunResponse>builder().comment("keep-alive").build());
    // the keep-alive ends with the stream, when the final event has gone out
    return Flux.merge(changes, keepAlive).takeUntil(event -> "finished".equals(event.event()));
  }

  private static boolean isNews(RunDocument previous, RunDocument run) {
    return previous == null
        || previous.status() != run.status()
        || !Objects.equals(previous.updatedAt(), run.updatedAt())
        || !Objects.equals(previous.progress(), run.progress());
  }

  private static ServerSentEvent<RunResponse> event(RunDocument previous, RunDocument run) {
    String name;
    if (run.status().isFinal()) {
      name = "finished";
    } else if (previous == null) {
      name = "run";
    } else if (previous.status() != run.status()) {
      name = "status";
    } else if (!Objects.equals(previous.progress(), run.progress())) {
      name = "progress";
    } else {
      name = "update";
    }
    return ServerSentEvent.builder(RunResponse.of(run))
        .event(name)
        .id(run.runId() + ":" + (run.updatedAt() == null ? 0 : run.updatedAt().toEpochMilli()))
        .build();
  }
}
