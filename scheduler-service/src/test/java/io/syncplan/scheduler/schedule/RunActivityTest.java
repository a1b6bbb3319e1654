package io.syncplan.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunActivityTest {

  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void runIsActiveFromStartUntilFinished() {
    RunActivity running = RunActivity.NONE.started("r1", NOW);
    assertThat(running.isRunning("r1")).isTrue();
    assertThat(running.isActive(NOW.plusSeconds(5), Duration.ofHours(1))).isTrue();

    RunActivity done = running.finished("r1");
    assertThat(done.isEmpty()).isTrue();
    assertThat(done.isActive(NOW.plusSeconds(5), Duration.ofHours(1))).isFalse();
  }

  @Test
  void finishedRunIsNotMadeActiveAgainByALateEvent() {
    RunActivity done = RunActivity.NONE.started("r1", NOW).finished("r1");
    assertThat(done.started("r1", NOW.plusSeconds(1)).isEmpty()).isTrue();
    assertThat(done.started("r2", NOW.plusSeconds(1)).isRunning("r2")).isTrue();
  }

  @Test
  void onlyTheLatestFinishedRunsAreRemembered() {
    RunActivity activity = RunActivity.NONE;
    for (int run = 0; run <= RunActivity.FINISHED_KEPT; run++) {
      activity = activity.started("r" + run, NOW).finished("r" + run);
    }
    assertThat(activity.started("r0", NOW).isRunning("r0")).isTrue();
    assertThat(activity.started("r1", NOW).isRunning("r1")).isFalse();
  }

  @Test
  void quietRunIsPresumedDeadAfterStaleAfter() {
    RunActivity running = RunActivity.NONE.started("r1", NOW);
    assertThat(running.isActive(NOW.plus(Duration.ofMinutes(59)), Duration.ofHours(1))).isTrue();
    assertThat(running.isActive(NOW.plus(Duration.ofMinutes(61)), Duration.ofHours(1))).isFalse();
    RunActivity reported = running.seen("r1", NOW.plus(Duration.ofMinutes(50)));
    assertThat(reported.isActive(NOW.plus(Duration.ofMinutes(61)), Duration.ofHours(1))).isTrue();
  }

  @Test
  void storedActivityLeavesOutRunsAlsoStoredAsFinished() {
    RunActivity restored = RunActivity.of(List.of("r1", "r2"), NOW, List.of("r1"));
    assertThat(restored.isRunning("r1")).isFalse();
    assertThat(restored.isRunning("r2")).isTrue();
    assertThat(restored.started("r1", NOW).isRunning("r1")).isFalse();
  }
}
