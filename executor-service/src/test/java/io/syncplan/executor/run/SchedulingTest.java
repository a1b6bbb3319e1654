package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestFiles;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which waiting run starts first when the executor is busy, and how many run at once. The shared
 * test executor has two slots.
 */
@ExecutorTest
class SchedulingTest {

  @TempDir Path dir;
  RunDriver runs;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
  }

  @Test
  void aHighPriorityRunQueuedAfterNormalOnesStartsFirstAndManualBeatsScheduled() {
    PlanSnapshot slowOne = slowPlan("slow-1", ExecutorTest.SLOW_FILE_BYTES);
    PlanSnapshot slowTwo = slowPlan("slow-2", ExecutorTest.SLOW_FILE_BYTES);
    String busyOne = runs.request(slowOne);
    String busyTwo = runs.request(slowTwo);
    awaitStarted(busyOne);
    awaitStarted(busyTwo);
    List<String> normal = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      normal.add(
          runs.request(smallPlan("normal-" + i), false, Priority.NORMAL, RunTrigger.SCHEDULE));
    }
    String high = runs.request(smallPlan("high"), false, Priority.HIGH, RunTrigger.SCHEDULE);
    String manual = runs.request(smallPlan("manual"), false, Priority.NORMAL, RunTrigger.MANUAL);
    List.of(normal.get(0), normal.get(1), normal.get(2), high, manual).forEach(this::awaitQueued);

    // One slot frees up: the waiting runs now start one after another through it.
    runs.cancel(slowOne, busyOne);
    List<Instant> starts = new ArrayList<>();
    for (String runId : List.of(high, manual, normal.get(0), normal.get(1), normal.get(2))) {
      runs.awaitFinished(runId);
      starts.add(awaitStarted(runId).startedAt());
    }
    runs.cancel(slowTwo, busyTwo);
    runs.awaitFinished(busyTwo);

    assertThat(starts).isSortedAccordingTo(Comparator.naturalOrder());
    assertThat(starts).doesNotHaveDuplicates();
  }

  @Test
  void noMoreRunsThanTheConcurrencyRunAtOnceAndCommandsAreStillTakenWhileBusy() {
    List<String> busy = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      busy.add(runs.request(slowPlan("burst-" + i, ExecutorTest.SLOW_FILE_BYTES / 5)));
    }
    awaitStarted(busy.get(0));
    awaitStarted(busy.get(1));
    Instant asked = Instant.now();
    String late = runs.request(smallPlan("late"));
    Envelope<Message> queued = awaitQueued(late);
    busy.forEach(runs::awaitFinished);
    RunFinished lateFinished = runs.awaitFinished(late);

    // The consumer took the command at once although both slots were busy.
    assertThat(Duration.between(asked, queued.occurredAt())).isLessThan(Duration.ofSeconds(3));
    List<String> all = new ArrayList<>(busy);
    all.add(late);
    assertThat(maxRunningAtOnce(all)).isEqualTo(2);
    assertThat(lateFinished.startedAt()).isAfter(queued.occurredAt());
  }

  private int maxRunningAtOnce(List<String> runIds) {
    List<Instant[]> spans = new ArrayList<>();
    for (String runId : runIds) {
      spans.add(
          new Instant[] {awaitStarted(runId).startedAt(), runs.awaitFinished(runId).finishedAt()});
    }
    int max = 0;
    for (Instant[] span : spans) {
      Instant moment = span[0];
      int running =
          (int) spans.stream().filter(s -> !s[0].isAfter(moment) && s[1].isAfter(moment)).count();
      max = Math.max(max, running);
    }
    return max;
  }

  private RunStarted awaitStarted(String runId) {
    return (RunStarted)
        runs.recorder()
            .awaitEnvelope(
                e -> runId.equals(e.runId()) && e.payload() instanceof RunStarted,
                RunDriver.RUN_TIMEOUT)
            .payload();
  }

  private Envelope<Message> awaitQueued(String runId) {
    return runs.recorder()
        .awaitEnvelope(
            e -> runId.equals(e.runId()) && e.type().equals("run.queued"), RunDriver.RUN_TIMEOUT);
  }

  private PlanSnapshot slowPlan(String name, int bytes) {
    Path source = dir.resolve(name);
    TestFiles.sized(source.resolve("data.bin"), bytes, name.hashCode());
    return TestPlans.between(source, dir.resolve(name + "-copy")).build();
  }

  private PlanSnapshot smallPlan(String name) {
    Path source = dir.resolve(name);
    FileTrees.writeFile(source, "a.txt", name);
    return TestPlans.between(source, dir.resolve(name + "-copy")).build();
  }
}
