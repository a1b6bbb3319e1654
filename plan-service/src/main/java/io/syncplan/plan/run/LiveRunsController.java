package io.syncplan.plan.run;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.syncplan.plan.plan.PlanDirectory;
import io.syncplan.plan.plan.PlanSummary;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** Run changes across plans, live, for dashboards and lists that update by themselves. */
@RestController
@RequestMapping("/api/v1/runs")
@Tag(name = "Runs")
class LiveRunsController {

  private final RunEventHub hub;
  private final PlanDirectory plans;

  LiveRunsController(RunEventHub hub, PlanDirectory plans) {
    this.hub = hub;
    this.plans = plans;
  }

  @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      summary = "Follow the runs of all plans live (Server-Sent Events)",
      description =
          "First a run event for every run in progress, then, as they happen: run (a run newly"
              + " queued), status, progress (at most once a second per run), update and finished."
              + " Each event's data is the run, as GET /runs/{runId}. The stream does not end; a"
              + " comment every 15 s keeps it open through proxies. Served from the instance's"
              + " memory: viewers cost no store queries.")
  Flux<ServerSentEvent<RunResponse>> events(
      @Parameter(description = "only runs of these plans")
          @RequestParam(required = false)
          @Size(max = 100)
          List<String> planId,
      @Parameter(description = "only runs of plans carrying all of these tags")
          @RequestParam(required = false)
          @Size(max = 10)
          List<String> tag) {
    Predicate<RunResponse> wanted = filter(planId, tag);
    Flux<ServerSentEvent<RunResponse>> changes =
        hub.updates()
            .filter(update -> wanted.test(update.run()))
            .map(update -> event(update.event(), update.run()));
    Flux<ServerSentEvent<RunResponse>> current =
        Flux.defer(() -> Flux.fromIterable(hub.active()))
            .filter(wanted)
            .map(run -> event("run", run));
    Flux<ServerSentEvent<RunResponse>> keepAlive =
        Flux.interval(RunLiveStream.KEEP_ALIVE)
            .map(tick -> ServerSentEvent.<RunResponse>builder().comment("keep-alive").build());
    // listening before the runs in progress are listed, so no change falls between the two
    return Flux.merge(changes, current, keepAlive);
  }

  private Predicate<RunResponse> filter(List<String> planIds, List<String> tags) {
    Predicate<RunResponse> wanted = run -> true;
    if (planIds != null && !planIds.isEmpty()) {
      wanted = wanted.and(run -> planIds.contains(run.planId()));
    }
    if (tags != null && !tags.isEmpty()) {
      wanted =
          wanted.and(
              run -> {
                PlanSummary plan = plans.summary(run.planId());
                return plan != null && plan.tags().containsAll(tags);
              });
    }
    return wanted;
  }

  private static ServerSentEvent<RunResponse> event(String name, RunResponse run) {
    return ServerSentEvent.builder(run)
        .event(name)
        .id(run.runId() + ":" + (run.updatedAt() == null ? 0 : run.updatedAt().toEpochMilli()))
        .build();
  }
}
