package io.syncplan.executor.hook;

import io.syncplan.executor.hook.HookProperties.HookCommand;
import io.syncplan.executor.rclone.Redactor;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the operator's hook commands: from their argument list, never through a shell; with an
 * environment of PATH, the command's own variables and the run's {@code SYNCPLAN_*} context and
 * nothing else of the executor's (which holds its keys); their output read to the end and its tail
 * kept, secrets masked; killed with every process they started when the timeout passes.
 */
@Component
class HookCommands {

  private static final Logger log = LoggerFactory.getLogger(HookCommands.class);

  /** How long a finished command's output may still be read (a child may hold the pipe open). */
  private static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);

  private final HookProperties properties;
  private final Clock clock;

  HookCommands(HookProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  boolean defines(String name) {
    return properties.hooks().containsKey(name);
  }

  HookOutcome run(String name, Duration requested, Map<String, String> context) {
    HookCommand command = properties.hooks().get(name);
    if (command == null) {
      return HookOutcome.refused(
          "this executor defines no hook command '"
              + name
              + "' (syncplan.executor.hooks."
              + name
              + ")");
    }
    Duration timeout = properties.timeoutFor(requested);
    Redactor redactor = new Redactor(new HashSet<>(command.secretEnvironment().values()));
    ProcessBuilder builder = new ProcessBuilder(command.args()).redirectErrorStream(true);
    if (command.workingDirectory() != null) {
      builder.directory(command.workingDirectory().toFile());
    }
    Map<String, String> environment = builder.environment();
    String path = environment.get("PATH");
    environment.clear();
    if (path != null) {
      environment.put("PATH", path);
    }
    environment.putAll(command.environment());
    environment.putAll(command.secretEnvironment());
    environment.putAll(context);
    Instant start = clock.instant();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return HookOutcome.refused(
          "hook command '" + name + "' could not start: " + redactor.redact(e.getMessage()));
    }
    try {
      // a hook reads nothing from the executor
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // already closed
    }
    OutputTail tail = new OutputTail((int) properties.hookOutput().toBytes());
    Thread reader = new Thread(() -> tail.drain(process.getInputStream()), "hook-output");
    reader.setDaemon(true);
    reader.start();
    boolean exited = waitFor(process, timeout);
    if (!exited) {
      killTree(process);
    }
    joinQuietly(reader);
    Duration took = Duration.between(start, clock.instant());
    List<String> output = tail.lines().stream().map(redactor::redact).toList();
    if (!exited) {
      log.warn("Hook '{}' killed after {}, with the processes it started", name, timeout);
      return HookOutcome.exited(
          "TIMED_OUT",
          took,
          null,
          "killed after " + timeout.toSeconds() + " s, with the processes it started",
          output);
    }
    int exit = process.exitValue();
    log.info("Hook '{}' exited with {} after {} ms", name, exit, took.toMillis());
    return exit == 0
        ? HookOutcome.exited("SUCCEEDED", took, 0, null, output)
        : HookOutcome.exited("FAILED", took, exit, "exited with " + exit, output);
  }

  /**
   * Kills the command and every process it started, children first: once the command is gone, its
   * orphans are no longer its descendants and could not be found.
   */
  private static void killTree(Process process) {
    for (int round = 0;
        round < 3 && process.toHandle().descendants().findAny().isPresent();
        round++) {
      process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    }
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void joinQuietly(Thread reader) {
    try {
      reader.join(OUTPUT_GRACE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
