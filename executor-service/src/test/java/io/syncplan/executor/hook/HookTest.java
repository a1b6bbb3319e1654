package io.syncplan.executor.hook;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.HookOn;
import io.syncplan.contracts.plan.HookSpec;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.HookRan;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hooks with real child processes: the operator's commands are /bin/sh scripts this test writes (an
 * operator's command may be a script; an API user only ever names one).
 */
@ExecutorTest
class HookTest {

  static final String TOKEN = "hook-t0ken-that-must-not-leak";
  static final Path SCRIPTS;

  static {
    try {
      SCRIPTS = Files.createTempDirectory("syncplan-hooks");
      script(
          "env-dump",
          "env > \"$HOOK_OUT/env-$SYNCPLAN_HOOK-$SYNCPLAN_RUN_ID\"\n"
              + "echo \"calling the API with $API_TOKEN\"\necho done");
      script("fail", "echo 'database refused the snapshot'\nexit 3");
      script("hang", "sleep 300 &\necho $! > \"$HOOK_OUT/child-$SYNCPLAN_RUN_ID\"\nwait");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void operatorCommands(DynamicPropertyRegistry registry) {
    for (String name : List.of("env-dump", "fail", "hang")) {
      String prefix = "syncplan.executor.hooks." + name;
      registry.add(prefix + ".args[0]", () -> "/bin/sh");
      registry.add(prefix + ".args[1]", () -> SCRIPTS.resolve(name + ".sh").toString());
      registry.add(prefix + ".environment.HOOK_OUT", SCRIPTS::toString);
    }
    registry.add("syncplan.executor.hooks.env-dump.secret-environment.API_TOKEN", () -> TOKEN);
  }

  @TempDir Path dir;
  RunDriver runs;
  Path source;
  Path destination;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
    source = dir.resolve("source");
    destination = dir.resolve("destination");
    FileTrees.writeFile(source, "a.txt", "a");
  }

  @Test
  void aFailingBeforeHookWithAbortOnErrorFailsTheRunWithHookFailedBeforeRcloneStarts() {
    PlanSnapshot plan =
        TestPlans.between(source, destination)
            .hooks(
                new HookSpec(HookOn.BEFORE, Duration.ofSeconds(30), true, "fail"),
                new HookSpec(HookOn.AFTER, Duration.ofSeconds(30), false, "env-dump"))
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().reason()).isEqualTo("HOOK_FAILED");
    assertThat(run.error().message())
        .isEqualTo("hook 0 (fail, BEFORE) exited with 3; rclone was not started");
    assertThat(run.error().logTail()).containsExactly("database refused the snapshot");
    assertThat(destination).doesNotExist();
    List<HookRan> hooks = hooks(run.runId());
    assertThat(hooks).extracting(HookRan::index).containsExactly(0, 1);
    assertThat(hooks.get(0).status()).isEqualTo("FAILED");
    assertThat(hooks.get(0).exitCode()).isEqualTo(3);
    assertThat(hooks.get(1).status()).isEqualTo("SUCCEEDED");
    assertThat(environment("AFTER", run.runId()))
        .contains("SYNCPLAN_STATUS=FAILED", "SYNCPLAN_ERROR_REASON=HOOK_FAILED");
  }

  @Test
  void hooksGetTheRunAsEnvironmentNothingElseOfTheExecutorsAndTheirOutputMasked() {
    PlanSnapshot plan =
        TestPlans.between(source, destination)
            .hooks(
                new HookSpec(HookOn.BEFORE, Duration.ofSeconds(30), false, "env-dump"),
                new HookSpec(HookOn.AFTER_SUCCESS, Duration.ofSeconds(30), false, "env-dump"),
                new HookSpec(HookOn.AFTER_FAILURE, Duration.ofSeconds(30), false, "fail"))
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(environment("BEFORE", run.runId()))
        .contains(
            "SYNCPLAN_PLAN_ID=" + plan.id(),
            "SYNCPLAN_PLAN_NAME=" + plan.name(),
            "SYNCPLAN_RUN_ID=" + run.runId(),
            "SYNCPLAN_MODE=MIRROR",
            "SYNCPLAN_STATUS=RUNNING");
    Set<String> after = environment("AFTER_SUCCESS", run.runId());
    assertThat(after)
        .contains("SYNCPLAN_STATUS=SUCCEEDED", "SYNCPLAN_FILES_ADDED=1", "API_TOKEN=" + TOKEN);
    Set<String> executorsOwn = new HashSet<>(System.getenv().keySet());
    executorsOwn.removeAll(Set.of("PATH", "PWD", "OLDPWD", "SHLVL", "_"));
    assertThat(names(after)).doesNotContainAnyElementsOf(executorsOwn);

    List<HookRan> hooks = hooks(run.runId());
    assertThat(hooks).extracting(HookRan::index).containsExactly(0, 1);
    assertThat(hooks).allMatch(HookRan::succeeded);
    assertThat(hooks.get(1).output())
        .containsExactly("calling the API with ***", "done")
        .noneMatch(line -> line.contains(TOKEN));
  }

  @Test
  void aHookPastItsTimeoutIsKilledWithEveryProcessItStarted() throws IOException {
    PlanSnapshot plan =
        TestPlans.between(source, destination)
            .hooks(new HookSpec(HookOn.BEFORE, Duration.ofSeconds(1), true, "hang"))
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().reason()).isEqualTo("HOOK_FAILED");
    assertThat(run.error().message()).contains("killed after 1 s");
    HookRan hook = hooks(run.runId()).get(0);
    assertThat(hook.status()).isEqualTo("TIMED_OUT");
    assertThat(hook.exitCode()).isNull();
    long child = Long.parseLong(Files.readString(SCRIPTS.resolve("child-" + run.runId())).strip());
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
  }

  @Test
  void aHookNamingACommandThisExecutorDoesNotDefineFailsTheRunBeforeAnythingRuns() {
    PlanSnapshot plan =
        TestPlans.between(source, destination)
            .hooks(
                new HookSpec(HookOn.BEFORE, Duration.ofSeconds(30), false, "env-dump"),
                new HookSpec(HookOn.AFTER, Duration.ofSeconds(30), false, "rm-everything"))
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().reason()).isEqualTo("HOOK_FAILED");
    assertThat(run.error().message())
        .contains("'rm-everything', which this executor does not define");
    assertThat(destination).doesNotExist();
    assertThat(SCRIPTS.resolve("env-BEFORE-" + run.runId())).doesNotExist();
  }

  private List<HookRan> hooks(String runId) {
    return runs.events(runId).stream()
        .map(envelope -> envelope.payload())
        .filter(HookRan.class::isInstance)
        .map(HookRan.class::cast)
        .toList();
  }

  private static Set<String> environment(String on, String runId) {
    try {
      return new HashSet<>(Files.readAllLines(SCRIPTS.resolve("env-" + on + "-" + runId)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> names(Set<String> environment) {
    return environment.stream()
        .map(line -> line.contains("=") ? line.substring(0, line.indexOf('=')) : line)
        .collect(Collectors.toSet());
  }

  private static void script(String name, String body) throws IOException {
    Files.writeString(SCRIPTS.resolve(name + ".sh"), body + "\n");
  }
}
