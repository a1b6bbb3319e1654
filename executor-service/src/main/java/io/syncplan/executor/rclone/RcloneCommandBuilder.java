package io.syncplan.executor.rclone;

import io.syncplan.contracts.plan.DeletionGuard;
import io.syncplan.contracts.plan.PerformanceSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.policy.BandwidthLimit;
import io.syncplan.executor.config.ExecutorProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Builds every rclone command the executor runs. Every flag comes from this class, never from a
 * plan; plan values only ever fill a flag's value or a location, each checked by {@link
 * RcloneArguments} (one that could be read as a flag is refused). Flags that only some rclone
 * versions know are added only where the installed one has them.
 */
@Component
public class RcloneCommandBuilder {

  private final Rclone rclone;
  private final ExecutorProperties properties;

  RcloneCommandBuilder(Rclone rclone, ExecutorProperties properties) {
    this.rclone = rclone;
    this.properties = properties;
  }

  /** The installed rclone's version, which decides the flags some commands take. */
  RcloneVersion version() {
    return rclone.version();
  }

  public RcloneCommand transfer(Transfer transfer) {
    if (transfer.mode() == SyncMode.BISYNC) {
      throw new IllegalArgumentException("a BISYNC run is built with bisync()");
    }
    boolean reports = transfer.reports() != null && rclone.version().isModern();
    // With the reports, a dry run tells replaced files from new ones without a debug line per file,
    // and a pass whose lists they give needs no log line per file at all.
    Verbosity verbosity =
        reports && transfer.listedByReports()
            ? Verbosity.NOTICE
            : transfer.dryRun() && transfer.detailed() && !reports
                ? Verbosity.DEBUG
                : Verbosity.INFO;
    List<String> args = start(transfer.mode() == SyncMode.COPY ? "copy" : "sync", verbosity);
    args.add(transfer.source().location());
    args.add(transfer.destination().location());
    filters(transfer.filterFile(), args);
    performance(transfer.performance(), args);
    if (transfer.backupDir() != null) {
      args.add("--backup-dir");
      args.add(transfer.backupDir().location());
    }
    if (transfer.maxDelete() != null) {
      args.add("--max-delete");
      args.add(String.valueOf(transfer.maxDelete()));
    }
    if (reports) {
      args.addAll(ChangeReports.flags(transfer.reports(), transfer.mode()));
    }
    writes(transfer.dryRun(), args);
    return between(transfer.source(), transfer.destination(), args);
  }

  public RcloneCommand bisync(Bisync bisync) {
    List<String> args = start("bisync", bisync.dryRun());
    args.add(bisync.path1().location());
    args.add(bisync.path2().location());
    args.add("--workdir");
    args.add(bisync.workdir().toString());
    filters(bisync.filterFile(), args);
    performance(bisync.performance(), args);
    args.add("--max-delete");
    args.add(String.valueOf(bisync.maxDeletePercent()));
    if (bisync.checkAccess()) {
      args.add("--check-access");
      args.add("--check-filename");
      args.add(DeletionGuard.ACCESS_MARKER);
    }
    if (bisync.resync()) {
      args.add("--resync");
    }
    if (rclone.version().isModern()) {
      modernBisync(args);
      if (bisync.resync()) {
        modernResync(bisync, args);
      }
    }
    writes(bisync.dryRun(), args);
    return between(bisync.path1(), bisync.path2(), args);
  }

  /** A dry run writes nothing; any other writes its partial files under a suffix, where it can. */
  private void writes(boolean dryRun, List<String> args) {
    if (dryRun) {
      args.add("--dry-run");
    } else {
      partialSuffix(args);
    }
  }

  /** The command with the remotes of both locations it works between. */
  private static RcloneCommand between(
      RcloneLocation one, RcloneLocation other, List<String> args) {
    return new RcloneCommand(
        args, RcloneLocation.environment(one, other), RcloneLocation.secrets(one, other));
  }

  /**
   * What bisync of rclone 1.66 and later does by itself: the newer version of a conflict wins on
   * both sides and the other is renamed after its side ({@code <path>.conflict1} for path1's,
   * {@code .conflict2} for path2's), which the executor then moves into the loser's history; a run
   * cut short recovers on the next one instead of needing a resync, and so do less serious errors;
   * a lock left behind expires. Not used, because each weakens bisync's {@code --max-delete} safety
   * abort on 1.75: {@code --backup-dir1/2} (the abort is skipped) and {@code
   * --create-empty-src-dirs} (folders count, and the folders of deleted files stay, so a side that
   * lost most of its files in sub-folders passes).
   */
  private static void modernBisync(List<String> args) {
    args.addAll(
        List.of(
            "--conflict-resolve",
            "newer",
            "--conflict-loser",
            "pathname",
            "--resilient",
            "--recover",
            // rclone's minimum; the lock lives in the plan's own work folder anyway, which a run
            // restores afresh, so it only guards against a second bisync on this executor.
            "--max-lock",
            "2m"));
  }

  /**
   * A resync of rclone 1.66 and later: of a file both sides hold in different versions the newer
   * wins (rather than path1's), and the version it replaces moves into its side's history. The
   * backup folders that weaken {@code --max-delete} in other runs cost nothing here: a resync
   * deletes nothing. (Before 1.66 the executor moves the older versions away itself first.)
   */
  private static void modernResync(Bisync bisync, List<String> args) {
    args.addAll(
        List.of(
            "--resync-mode",
            "newer",
            "--backup-dir1",
            bisync.history1().location(),
            "--backup-dir2",
            bisync.history2().location()));
  }

  /**
   * Lists some files of a location, as JSON on standard output: those named in {@code fileList},
   * one path per line.
   */
  public RcloneCommand listFiles(RcloneLocation location, Path fileList) {
    return on(
        location,
        "lsjson",
        List.of("-R", "--files-from-raw", fileList.toString(), "--files-only", "--no-mimetype"));
  }

  /** Renames one file on a remote (or moves it to another path of the same remote). */
  public RcloneCommand moveTo(RcloneLocation from, RcloneLocation to) {
    List<String> args = start("moveto", false);
    args.add(from.location());
    args.add(to.location());
    return between(from, to, args);
  }

  /** Lists one file with its size and modification time, as JSON. */
  public RcloneCommand stat(RcloneLocation file) {
    return on(file, "lsjson", List.of("--files-only", "--no-mimetype"));
  }

  public RcloneCommand deleteFile(RcloneLocation file) {
    return on(file, "deletefile", List.of());
  }

  /** Counts the files at a location that a run with these filters would see. */
  public RcloneCommand size(RcloneLocation location, Path filterFile) {
    List<String> options = new ArrayList<>();
    filters(filterFile, options);
    options.add("--json");
    return on(location, "size", options);
  }

  /** Lists the folders directly in a location, as JSON on standard output. */
  public RcloneCommand listFolders(RcloneLocation location) {
    return on(location, "lsjson", List.of("--dirs-only", "--no-mimetype"));
  }

  /** Lists a location one level deep: succeeds when it can be reached and read. */
  public RcloneCommand probe(RcloneLocation location) {
    return on(location, "lsjson", List.of("--max-depth", "1", "--no-mimetype", "--no-modtime"));
  }

  public RcloneCommand mkdir(RcloneLocation location) {
    return on(location, "mkdir", List.of());
  }

  /** Removes a folder and everything in it. */
  public RcloneCommand purge(RcloneLocation location) {
    return on(location, "purge", List.of());
  }

  /** rclone {@code verb} on one location, with {@code options} after it. */
  private RcloneCommand on(RcloneLocation location, String verb, List<String> options) {
    List<String> args = start(verb, false);
    args.add(location.location());
    args.addAll(options);
    return new RcloneCommand(args, location.environment(), location.secrets());
  }

  /**
   * The command with rclone's remote control on, so that the executor can change its bandwidth
   * limit while it runs ({@code core/bwlimit}): on loopback only, at a port rclone picks itself and
   * logs (so that no other process can take it first), behind a user and password of this process
   * alone. Those travel in rclone's environment, never on its command line, which other users of
   * the machine can read; every route of the remote control needs them ({@code --rc-no-auth} is
   * never given). {@code bwlimit}, a single rate, replaces any {@code --bwlimit} the command had:
   * the limit rclone starts with.
   */
  public RcloneCommand remoteControlled(
      RcloneCommand command, String bwlimit, String user, String password) {
    List<String> args = new ArrayList<>();
    List<String> given = command.arguments();
    for (int i = 0; i < given.size(); i++) {
      if (given.get(i).equals("--bwlimit")) {
        i++;
      } else {
        args.add(given.get(i));
      }
    }
    args.addAll(List.of("--bwlimit", bwlimit, "--rc", "--rc-addr", "127.0.0.1:0"));
    Map<String, String> environment = new HashMap<>(command.environment());
    environment.put("RCLONE_RC_USER", user);
    environment.put("RCLONE_RC_PASS", password);
    Set<String> secrets = new HashSet<>(command.secrets());
    secrets.add(password);
    return new RcloneCommand(args, environment, secrets);
  }

  /**
   * How much rclone logs. {@code INFO} ({@code -v}) writes a line per file changed, which is where
   * the per-file facts of a run come from unless rclone's change reports give them; {@code NOTICE}
   * (rclone's default) writes the stats, warnings and errors only, which costs a run of many files
   * noticeably less; {@code DEBUG} ({@code -vv}) is what a dry run before rclone 1.66 needs to tell
   * a replaced file from a new one.
   */
  enum Verbosity {
    NOTICE,
    INFO,
    DEBUG
  }

  List<String> start(String verb, boolean debug) {
    return start(verb, debug ? Verbosity.DEBUG : Verbosity.INFO);
  }

  List<String> start(String verb, Verbosity verbosity) {
    List<String> args = new ArrayList<>();
    args.add(rclone.binary());
    args.add(verb);
    args.addAll(
        List.of(
            "--config",
            rclone.emptyConfig().toString(),
            "--use-json-log",
            "--log-level",
            verbosity.name(),
            // Four stats lines a second for a progress event a second (ProgressReporter): with
            // lines a second apart, one that came 999 ms after the last event was dropped, and the
            // events came every 2 s.
            "--stats",
            "250ms",
            "--stats-log-level",
            "NOTICE",
            // syncplan retries whole runs itself; rclone's own retries would multiply them.
            "--retries",
            "1",
            "--low-level-retries",
            String.valueOf(properties.lowLevelRetries()),
            "--contimeout",
            seconds(properties.connectTimeout()),
            "--timeout",
            seconds(properties.ioTimeout())));
    return args;
  }

  /**
   * A partial-file suffix of this process's own. A killed rclone (an OOM kill, a fenced or crashed
   * executor) leaves its partial files behind; rclone 1.72 and later would name the next attempt's
   * partial file exactly like the one left behind, and a sync that listed the leftover for deletion
   * then fails when the rename has taken it away ("Couldn't delete: no such file"). With a suffix
   * of its own, the next attempt's files never collide, and a sync deletes the leftovers as the
   * extraneous files they are.
   */
  void partialSuffix(List<String> args) {
    if (rclone.version().hasPartialSuffix()) {
      args.add("--partial-suffix");
      args.add(PartialSuffix.next());
    }
  }

  static void filters(Path filterFile, List<String> args) {
    if (filterFile != null) {
      args.add("--filter-from");
      args.add(filterFile.toString());
    }
  }

  private static void performance(PerformanceSpec performance, List<String> args) {
    args.add("--transfers");
    args.add(RcloneArguments.count("transfers", performance.transfers()));
    args.add("--buffer-size");
    args.add(RcloneArguments.size("bufferSize", performance.bufferSize()));
    args.add("--multi-thread-streams");
    if (performance.multiThreadStreams() < 0) {
      throw new UnsafeArgumentException("multiThreadStreams must not be negative");
    }
    args.add(String.valueOf(performance.multiThreadStreams()));
    switch (performance.compare()) {
      case CHECKSUM -> args.add("--checksum");
      case SIZE_ONLY -> args.add("--size-only");
      case SIZE_AND_MODTIME -> {}
    }
    if (performance.maxDuration() != null) {
      if (performance.maxDuration().compareTo(Duration.ofSeconds(1)) < 0) {
        throw new UnsafeArgumentException("maxDuration must be at least one second");
      }
      args.add("--max-duration");
      args.add(seconds(performance.maxDuration()));
    }
    if (performance.maxTransfer() != null) {
      args.add("--max-transfer");
      args.add(RcloneArguments.size("maxTransfer", performance.maxTransfer()));
    }
    if (performance.bandwidth() != null) {
      BandwidthLimit.problem(performance.bandwidth())
          .ifPresent(
              problem -> {
                throw new UnsafeArgumentException("bandwidth " + problem);
              });
      args.add("--bwlimit");
      args.add(performance.bandwidth().strip());
    }
  }

  private static String seconds(Duration duration) {
    return Math.max(1, duration.toSeconds()) + "s";
  }
}
