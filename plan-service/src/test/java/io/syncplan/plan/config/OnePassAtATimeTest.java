package io.syncplan.plan.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class OnePassAtATimeTest {

  private final OnePassAtATime passes = new OnePassAtATime("Test pass");
  private final AtomicInteger started = new AtomicInteger();

  private Mono<?> until(Sinks.Empty<Void> end) {
    started.incrementAndGet();
    return end.asMono();
  }

  @Test
  void ticksWhileAPassRunsStartNothing() {
    Sinks.Empty<Void> end = Sinks.empty();

    passes.start(() -> until(end));
    passes.start(() -> until(end));
    passes.start(() -> until(end));

    assertThat(started).hasValue(1);
  }

  @Test
  void theTickAfterAPassEndedStartsTheNext() {
    Sinks.Empty<Void> first = Sinks.empty();
    passes.start(() -> until(first));
    first.tryEmitEmpty();

    passes.start(() -> until(Sinks.empty()));

    assertThat(started).hasValue(2);
  }

  @Test
  void aFailedPassDoesNotStopTheNext() {
    passes.start(() -> Mono.error(new IllegalStateException("store down")));

    passes.start(() -> until(Sinks.empty()));

    assertThat(started).hasValue(1);
  }

  @Test
  void aPassThatFailsBeforeItsMonoDoesNotStopTheNext() {
    passes.start(
        () -> {
          throw new IllegalStateException("no query");
        });

    passes.start(() -> until(Sinks.empty()));

    assertThat(started).hasValue(1);
  }
}
