package io.syncplan.scheduler.fire;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code syncplan.scheduler.chained} (result = started, paused, overlap, cycle): runs that the end
 * of another plan's run started, or did not start and why.
 */
@Component
class ChainMetrics {

  /** Why a chained run was not sent. */
  enum Skip {
    /** The plan is paused. */
    PAUSED,
    /** The plan had a run active that its overlap policy lets nothing wait for. */
    OVERLAP,
    /** The chain leads back to the plan whose run ended. */
    CYCLE
  }

  private final Counter started;
  private final Map<Skip, Counter> skipped = new EnumMap<>(Skip.class);

  ChainMetrics(MeterRegistry registry) {
    started = counter(registry, "started");
    for (Skip skip : Skip.values()) {
      skipped.put(skip, counter(registry, skip.name().toLowerCase(Locale.ROOT)));
    }
  }

  private static Counter counter(MeterRegistry registry, String result) {
    return Counter.builder("syncplan.scheduler.chained")
        .description("Runs started by the end of another plan's run, or not started and why")
        .tag("result", result)
        .register(registry);
  }

  void started() {
    started.increment();
  }

  void skipped(Skip why) {
    skipped.get(why).increment();
  }
}
