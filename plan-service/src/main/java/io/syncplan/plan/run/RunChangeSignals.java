package io.syncplan.plan.run;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Tells live run streams of this instance that a run's history was just written here, so they show
 * it at once instead of at their next look. Streams of other instances see it at their next look
 * ({@code syncplan.api.live-run-poll}).
 */
@Component
class RunChangeSignals {

  private final Sinks.Many<String> changed = Sinks.many().multicast().directBestEffort();

  void changed(String runId) {
    // a hint only: when it cannot be delivered now, the stream's next look finds the change
    changed.tryEmitNext(runId);
  }

  Flux<String> of(String runId) {
    return changed.asFlux().filter(runId::equals);
  }
}
