package io.syncplan.plan.run;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.syncplan.plan.run.RunChangeItem.Kind;
import io.syncplan.plan.web.PageWindow;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What a run did: its changes, its log, and its live progress. */
@RestController
@RequestMapping("/api/v1/runs/{runId}")
@Tag(name = "Runs")
class RunDetailsController {

  private final RunService runs;
  private final RunLiveStream live;

  RunDetailsController(RunService runs, RunLiveStream live) {
    this.runs = runs;
    this.live = live;
  }

  @GetMapping("/changes")
  @Operation(summary = "The paths the run added, modified, deleted or moved to revisions, paged")
  Mono<RunChangesPage> changes(
      @PathVariable String runId,
      @RequestParam(required = false) Kind kind,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
    PageWindow.check(page, size);
    return runs.get(runId)
        .map(
            run -> {
              List<RunChangeItem> all = RunChangeItem.all(run.changes(), kind);
              int from = (int) Math.min((long) page * size, all.size());
              int to = Math.min(from + size, all.size());
              return new RunChangesPage(
                  runId,
                  run.dryRun(),
                  all.subList(from, to),
                  page,
                  size,
                  all.size(),
                  run.changes() == null ? 0 : run.changes().omitted());
            });
  }

  @GetMapping(path = "/log", produces = MediaType.TEXT_PLAIN_VALUE)
  @Operation(
      summary = "The run's log: its timeline and the last lines of rclone's log",
      description = "Plain text; add ?format=json for the lines as JSON.")
  Mono<String> logText(@PathVariable String runId) {
    return runs.get(runId).map(run -> RunLog.of(run).text());
  }

  @GetMapping(path = "/log", produces = MediaType.APPLICATION_JSON_VALUE, params = "format=json")
  @Operation(summary = "The run's log as JSON lines")
  Mono<RunLog> logJson(@PathVariable String runId) {
    return runs.get(runId).map(RunLog::of);
  }

  @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      summary = "Follow the run live (Server-Sent Events)",
      description =
          "Events: run (the run as it is), status, progress, update, and finished (the final"
              + " state), after which the stream ends. Each event's data is the run, as GET /runs/{runId}.")
  Flux<ServerSentEvent<RunResponse>> events(@PathVariable String runId) {
    return live.follow(runId);
  }
}
