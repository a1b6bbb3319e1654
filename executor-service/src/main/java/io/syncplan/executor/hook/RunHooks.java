package io.syncplan.executor.hook;

import io.syncplan.contracts.plan.HookOn;
import io.syncplan.contracts.plan.HookSpec;
import io.syncplan.contracts.plan.RunOutcome;
import io.syncplan.contracts.run.HookRan;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunKind;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.support.webhook.WebhookPayload;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * A run's hooks, commands ({@link HookCommands}) and requests ({@link HttpHooks}): the BEFORE ones
 * before rclone starts (once per run), the AFTER ones once its outcome is known, before it is
 * published, in the plan's order. Each hook's outcome is published ({@link HookRan}) as soon as it
 * ends. Dry runs run no hooks: they are not meant to change anything, and a hook may. Nor do
 * restores and verifications: hooks belong to the plan's syncs.
 */
@Component
public class RunHooks {

  /** The reason a run fails with when a BEFORE hook with abortOnError did not succeed. */
  public static final String HOOK_FAILED = "HOOK_FAILED";

  private final HookCommands commands;
  private final HttpHooks http;
  private final Clock clock;

  RunHooks(HookCommands commands, HttpHooks http, Clock clock) {
    this.commands = commands;
    this.http = http;
    this.clock = clock;
  }

  /**
   * Runs the BEFORE hooks; the error the run fails with when one with {@code abortOnError} did not
   * succeed (the hooks after it are not run).
   */
  public Optional<RunError> before(RunRequested command, Consumer<HookRan> publish) {
    List<HookSpec> hooks = command.plan().hooks();
    if (!runsHooks(command)) {
      return Optional.empty();
    }
    Optional<RunError> undefined = undefined(hooks);
    if (undefined.isPresent()) {
      return undefined;
    }
    for (int i = 0; i < hooks.size(); i++) {
      HookSpec hook = hooks.get(i);
      if (hook.on() != HookOn.BEFORE) {
        continue;
      }
      HookRan ran =
          run(
              command,
              i,
              hook,
              () -> context(command, hook, "RUNNING", null, null),
              () -> HookPayloads.before(command, clock.instant()));
      publish.accept(ran);
      if (hook.abortOnError() && !ran.succeeded()) {
        return Optional.of(
            new RunError(
                HOOK_FAILED,
                "hook "
                    + i
                    + " ("
                    + hook.label()
                    + ", BEFORE) "
                    + ran.message()
                    + "; rclone was not started",
                null,
                ran.output()));
      }
    }
    return Optional.empty();
  }

  /**
   * A hook naming a command this executor does not define: plan-service and the executors of the
   * pool disagree about what the pool offers, and the run does not start half-hooked.
   */
  private Optional<RunError> undefined(List<HookSpec> hooks) {
    for (int i = 0; i < hooks.size(); i++) {
      String name = hooks.get(i).command();
      if (name != null && !commands.defines(name)) {
        return Optional.of(
            new RunError(
                HOOK_FAILED,
                "hook "
                    + i
                    + " names the command '"
                    + name
                    + "', which this executor does not define (syncplan.executor.hooks."
                    + name
                    + "); rclone was not started",
                null,
                List.of()));
      }
    }
    return Optional.empty();
  }

  /** Runs the AFTER hooks that fit how the run ended; their failures do not change it. */
  public void after(RunRequested command, RunFinished finished, Consumer<HookRan> publish) {
    List<HookSpec> hooks = command.plan().hooks();
    if (!runsHooks(command)) {
      return;
    }
    RunOutcome outcome = RunOutcome.of(finished.status());
    for (int i = 0; i < hooks.size(); i++) {
      HookSpec hook = hooks.get(i);
      if (!hook.runsAfter(outcome)) {
        continue;
      }
      publish.accept(
          run(
              command,
              i,
              hook,
              () ->
                  context(
                      command,
                      hook,
                      finished.status().name(),
                      finished.stats(),
                      finished.error() == null ? null : finished.error().reason()),
              () -> HookPayloads.after(command, finished, clock.instant())));
    }
  }

  private static boolean runsHooks(RunRequested command) {
    return !command.dryRun() && command.kind() == RunKind.SYNC;
  }

  /** Runs the hook's action: the command with the run as its environment, or the request. */
  private HookRan run(
      RunRequested command,
      int index,
      HookSpec hook,
      Supplier<Map<String, String>> environment,
      Supplier<WebhookPayload> body) {
    HookOutcome outcome =
        hook.http() != null
            ? http.call(command.planId(), hook, body.get())
            : commands.run(hook.command(), hook.timeout(), environment.get());
    return new HookRan(
        command.runId(),
        command.planId(),
        index,
        hook.on(),
        hook.command(),
        outcome.status(),
        outcome.duration().toMillis(),
        outcome.exitCode(),
        outcome.message(),
        outcome.output(),
        hook.http() == null ? null : hook.http().label(),
        outcome.httpStatus());
  }

  /** The run as the command's environment tells it. */
  private static Map<String, String> context(
      RunRequested command, HookSpec hook, String status, RunStats stats, String errorReason) {
    Map<String, String> context = new LinkedHashMap<>();
    context.put("SYNCPLAN_PLAN_ID", command.planId());
    context.put("SYNCPLAN_PLAN_NAME", command.plan().name());
    context.put("SYNCPLAN_RUN_ID", command.runId());
    context.put("SYNCPLAN_MODE", command.plan().mode().name());
    context.put("SYNCPLAN_HOOK", hook.on().name());
    context.put("SYNCPLAN_STATUS", status);
    if (stats != null) {
      context.put("SYNCPLAN_FILES_ADDED", Long.toString(stats.filesAdded()));
      context.put("SYNCPLAN_FILES_MODIFIED", Long.toString(stats.filesModified()));
      context.put("SYNCPLAN_FILES_DELETED", Long.toString(stats.filesDeleted()));
      context.put("SYNCPLAN_BYTES_TRANSFERRED", Long.toString(stats.bytesTransferred()));
      context.put("SYNCPLAN_ERRORS", Long.toString(stats.errors()));
    }
    if (errorReason != null) {
      context.put("SYNCPLAN_ERROR_REASON", errorReason);
    }
    return context;
  }
}
