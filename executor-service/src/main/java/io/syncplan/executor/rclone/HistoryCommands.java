package io.syncplan.executor.rclone;

import io.syncplan.contracts.plan.PerformanceSpec;
import io.syncplan.contracts.plan.VerifyMethod;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The rclone commands of restores, verifications and the revision index: listings, copies of chosen
 * files, and checks. Like every command, their flags come from here and plan values only fill
 * locations and the files the executor writes itself (filter and file lists).
 */
@Component
public class HistoryCommands {

  private final RcloneCommandBuilder commands;

  HistoryCommands(RcloneCommandBuilder commands) {
    this.commands = commands;
  }

  /**
   * Lists every file below a location with its size and modification time, one JSON object a line
   * on standard output, as the filter file lets through.
   */
  public RcloneCommand listFiles(RcloneLocation location, Path filterFile) {
    List<String> args = commands.start("lsjson", false);
    args.add(location.location());
    args.addAll(List.of("-R", "--files-only", "--no-mimetype"));
    RcloneCommandBuilder.filters(filterFile, args);
    return new RcloneCommand(args, location.environment(), location.secrets());
  }

  /**
   * Lists what is directly in a location, files and folders, as JSON on standard output: whether a
   * restore's target is empty, without listing everything below it.
   */
  public RcloneCommand topLevel(RcloneLocation location) {
    return commands.probe(location);
  }

  /** Describes one path (a file or a folder), as one JSON object on standard output. */
  public RcloneCommand stat(RcloneLocation location) {
    List<String> args = commands.start("lsjson", false);
    args.add(location.location());
    args.addAll(List.of("--stat", "--no-mimetype"));
    return new RcloneCommand(args, location.environment(), location.secrets());
  }

  /**
   * Copies the files named in {@code fileList} (paths relative to {@code from}) to the same paths
   * below {@code to}.
   *
   * @param replace replace files that exist at {@code to}; when false they are left as they are
   * @param keepNewer leave a file at {@code to} that is newer than the one copied
   * @param replacedInto where a replaced file is moved first (on {@code to}'s remote), or null
   */
  public RcloneCommand copyFiles(
      RcloneLocation from,
      RcloneLocation to,
      Path fileList,
      boolean replace,
      boolean keepNewer,
      RcloneLocation replacedInto,
      PerformanceSpec performance) {
    // The restore knows each file's outcome before it copies (it chose them), so rclone need not
    // log a line per file: its stats, warnings and errors are all the restore reads.
    List<String> args = copy(from, to, RcloneCommandBuilder.Verbosity.NOTICE, performance);
    args.add("--files-from-raw");
    args.add(fileList.toString());
    if (!replace) {
      // The executor already left out the files it found there; this holds for any that appeared
      // since it looked.
      args.add("--ignore-existing");
    } else if (keepNewer) {
      args.add("--update");
    }
    if (replacedInto != null) {
      args.add("--backup-dir");
      args.add(replacedInto.location());
    }
    return new RcloneCommand(
        args,
        RcloneLocation.environment(from, to, replacedInto == null ? from : replacedInto),
        RcloneLocation.secrets(from, to, replacedInto == null ? from : replacedInto));
  }

  /**
   * Copies every file below {@code from} that the filter file lets through to the same path below
   * {@code to}, leaving alone every file {@code to} has ({@code --ignore-existing}): a restore of a
   * whole revision folder into a target that was empty. What it copied and left alone comes from
   * its change reports in {@code reports} on rclone 1.66 and later ({@link
   * ChangeReports#restored}). Before 1.66 it comes from its log, a line per file copied, unless
   * {@code namedByTarget}: the caller then reads the names from the target itself, and rclone logs
   * no line per file (which makes its copy of many small files slower by about a third).
   */
  public RcloneCommand copyMissing(
      RcloneLocation from,
      RcloneLocation to,
      Path filterFile,
      Path reports,
      boolean namedByTarget,
      PerformanceSpec performance) {
    boolean modern = writesChangeReports();
    List<String> args =
        copy(
            from,
            to,
            modern || namedByTarget
                ? RcloneCommandBuilder.Verbosity.NOTICE
                : RcloneCommandBuilder.Verbosity.INFO,
            performance);
    RcloneCommandBuilder.filters(filterFile, args);
    args.add("--ignore-existing");
    if (modern) {
      args.addAll(ChangeReports.restoreFlags(reports));
    }
    return new RcloneCommand(
        args, RcloneLocation.environment(from, to), RcloneLocation.secrets(from, to));
  }

  /**
   * True when the installed rclone (1.66 and later) writes the change reports of a copy ({@link
   * #copyMissing}); before, a copy says which files it copied only in its log.
   */
  public boolean writesChangeReports() {
    return commands.version().isModern();
  }

  /** The start of a restore's copy: its locations, partial-file suffix and transfers. */
  private List<String> copy(
      RcloneLocation from,
      RcloneLocation to,
      RcloneCommandBuilder.Verbosity verbosity,
      PerformanceSpec performance) {
    List<String> args = commands.start("copy", verbosity);
    args.add(from.location());
    args.add(to.location());
    // a copy killed mid-way leaves partial files; the next attempt's must not collide with them
    commands.partialSuffix(args);
    args.add("--transfers");
    args.add(RcloneArguments.count("transfers", performance.transfers()));
    args.add("--buffer-size");
    args.add(RcloneArguments.size("bufferSize", performance.bufferSize()));
    return args;
  }

  /**
   * Compares a destination with its source, writing every path with its verdict into {@code
   * combinedFile} ({@code =} same, {@code *} differs, {@code +} only at the source, {@code -} only
   * at the destination, {@code !} could not be read).
   *
   * @param encrypted the destination is a crypt remote: checksums are compared with {@code
   *     cryptcheck}, which hashes the source as it would be encrypted
   * @param oneWay look only for the source's files at the destination (a COPY keeps others)
   */
  public RcloneCommand check(
      RcloneLocation source,
      RcloneLocation destination,
      VerifyMethod method,
      boolean encrypted,
      boolean oneWay,
      Path filterFile,
      Path combinedFile) {
    boolean cryptcheck = encrypted && method == VerifyMethod.CHECKSUM;
    List<String> args = commands.start(cryptcheck ? "cryptcheck" : "check", false);
    args.add(source.location());
    args.add(destination.location());
    switch (method) {
      case SIZE -> args.add("--size-only");
      case DOWNLOAD -> args.add("--download");
      case CHECKSUM -> {}
    }
    if (oneWay) {
      args.add("--one-way");
    }
    RcloneCommandBuilder.filters(filterFile, args);
    args.add("--combined");
    args.add(combinedFile.toString());
    return new RcloneCommand(
        args,
        RcloneLocation.environment(source, destination),
        RcloneLocation.secrets(source, destination));
  }
}
