package io.syncplan.plan.run;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.syncplan.plan.run.RunChangeItem.Kind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
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
  private final RunChangeParts parts;
  private final RunLiveStream live;

  RunDetailsController(RunService runs, RunChangeParts parts, RunLiveStream live) {
    this.runs = runs;
    this.parts = parts;
    this.live = live;
  }

  @GetMapping("/changes")
  @Operation(summary = "The paths the run added, modified, deleted or moved to revisions, paged")
  Mono<RunChangesPage> changes(
      @PathVariable String runId,
      @RequestParam(required = false) Kind kind,
      @Parameter(description = "only paths containing this text, ignoring case")
          @RequestParam(required = false)
          @Size(max = 500)
          String q,
      @Parameter(description = "only paths that start with this, for example a folder's path and /")
          @RequestParam(required = false)
          @Size(max = 4096)
          String prefix,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
    // No PageWindow here: a run's list is paged to its end (a million paths and more) and a page
    // costs the same at any depth (the parts' sizes, then the parts the page needs).
    String part = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
    String start = prefix == null || prefix.isEmpty() ? null : prefix;
    return runs.get(runId)
        .flatMap(
            run ->
                parts
                    .page(run, kind, start, part, page, size)
                    .switchIfEmpty(
                        Mono.fromSupplier(() -> fromRun(run, kind, start, part, page, size))));
  }

  /** A page of the lists the run's outcome event carried (the whole list when it was short). */
  private static RunChangesPage fromRun(
      RunDocument run, Kind kind, String start, String part, int page, int size) {
    String runId = run.runId();
    List<RunChangeItem> all = RunChangeItem.all(run.changes(), kind);
    if (part != null || start != null) {
      all =
          all.stream()
              .filter(item -> start == null || item.path().startsWith(start))
              .filter(item -> part == null || item.path().toLowerCase(Locale.ROOT).contains(part))
              .toList();
    }
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
