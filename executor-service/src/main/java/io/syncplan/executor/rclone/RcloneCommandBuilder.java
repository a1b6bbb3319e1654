package io.syncplan.executor.rclone;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PerformanceSpec;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Builds the rclone command for a run from the plan. Every flag comes from this class, never from
 * the plan; plan values only ever fill a flag's value or a path, and one that could be read as a
 * flag is refused.
 */
@Component
public class RcloneCommandBuilder {

  private final Rclone rclone;

  RcloneCommandBuilder(Rclone rclone) {
    this.rclone = rclone;
  }

  public RcloneCommand build(PlanSnapshot plan, boolean dryRun) {
    List<String> args = new ArrayList<>();
    args.add(rclone.binary());
    args.add(verb(plan.mode()));
    args.add(location(plan.source()));
    args.add(location(plan.destination()));
    args.addAll(
        List.of(
            "--config",
            rclone.emptyConfig().toString(),
            "--use-json-log",
            "--verbose",
            "--stats",
            "1s",
            "--stats-log-level",
            "NOTICE",
            // syncplan retries whole runs itself; rclone's own retries would multiply them.
            "--retries",
            "1"));
    performance(plan.performance(), args);
    if (dryRun) {
      args.add("--dry-run");
    }
    return new RcloneCommand(args, Map.of());
  }

  private static String verb(SyncMode mode) {
    return switch (mode) {
      case MIRROR, MIRROR_WITH_REVISIONS -> "sync";
      case COPY -> "copy";
      case BISYNC -> "bisync";
    };
  }

  private static void performance(PerformanceSpec performance, List<String> args) {
    args.add("--transfers");
    args.add(String.valueOf(performance.transfers()));
    args.add("--buffer-size");
    args.add(value("bufferSize", performance.bufferSize()));
    args.add("--multi-thread-streams");
    args.add(String.valueOf(performance.multiThreadStreams()));
    switch (performance.compare()) {
      case CHECKSUM -> args.add("--checksum");
      case SIZE_ONLY -> args.add("--size-only");
      case SIZE_AND_MODTIME -> {}
    }
  }

  /** The rclone location of an endpoint. */
  static String location(Endpoint endpoint) {
    return value("path", endpoint.path());
  }

  /** A value safe to pass as one argument: not a flag, no NUL or line break. */
  static String value(String name, String value) {
    if (value == null || value.isEmpty()) {
      throw new UnsafeArgumentException(name + " must not be empty");
    }
    if (value.startsWith("-")) {
      throw new UnsafeArgumentException(name + " must not start with '-': " + value);
    }
    if (value.indexOf('\0') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new UnsafeArgumentException(name + " must not contain NUL or line breaks");
    }
    return value;
  }
}
