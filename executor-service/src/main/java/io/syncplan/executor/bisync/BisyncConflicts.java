package io.syncplan.executor.bisync;

import io.syncplan.contracts.run.BisyncConflict;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.rclone.Bisync;
import io.syncplan.executor.rclone.Rclone;
import io.syncplan.executor.rclone.RcloneCommand;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.RcloneOutput;
import io.syncplan.executor.rclone.RcloneRunner;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a bisync run's conflicts (files changed on both sides since the last run) come out the same
 * on every rclone: the newer version wins on both sides, the other is kept in the run's history
 * folder of the side it lost on ({@code .syncplan/revisions/<run start>/<path>}), and the run lists
 * each conflict with both versions' times and sizes.
 *
 * <p>rclone 1.66 and later pick the winner ({@code --conflict-resolve newer}) and leave the loser
 * on both sides as {@code <path>.conflict1} or {@code .conflict2} ({@code --conflict-loser
 * pathname}); older bisync keeps both versions on both sides as {@code <path>..path1} and {@code
 * <path>..path2}, and the executor picks the newer one. Then the winner takes the path on both
 * sides, the loser moves into its side's history and its copy on the other side goes, and bisync's
 * listings are written as if bisync had done it, so that the next run sees no change. Versions with
 * the same modification time have no winner: both stay, under the names rclone gave them.
 */
@Component
public class BisyncConflicts {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Rclone rclone;
  private final RcloneCommandBuilder commands;
  private final RcloneRunner runner;
  private final ExecutorProperties properties;

  BisyncConflicts(
      Rclone rclone,
      RcloneCommandBuilder commands,
      RcloneRunner runner,
      ExecutorProperties properties) {
    this.rclone = rclone;
    this.commands = commands;
    this.runner = runner;
    this.properties = properties;
  }

  /** The run's changes once its conflicts are resolved, or why they could not be. */
  public record Resolved(RunStats stats, RunChanges changes, String failure) {}

  /**
   * Resolves the conflicts of a successful, real (not dry) bisync run.
   *
   * @param historyFolder the history folder's path relative to each side
   */
  public Resolved resolve(Bisync bisync, RunStats stats, RunChanges changes, String historyFolder) {
    if (changes.conflicts().isEmpty()) {
      return new Resolved(stats, changes, null);
    }
    try {
      return corrected(stats, changes, resolve(bisync, changes.conflicts(), historyFolder));
    } catch (ConflictException e) {
      return new Resolved(stats, changes, e.getMessage());
    }
  }

  private List<BisyncConflict> resolve(
      Bisync bisync, List<String> conflicts, String historyFolder) {
    boolean modern = rclone.version().isModern();
    BisyncListing listing1 = BisyncListing.of(bisync.workdir(), 1);
    BisyncListing listing2 = BisyncListing.of(bisync.workdir(), 2);
    List<String> names = new ArrayList<>();
    for (String path : conflicts) {
      names.addAll(List.of(path, versionName(path, 1, modern), versionName(path, 2, modern)));
    }
    Map<String, BisyncListing.Entry> listed = listing1.find(names);
    List<BisyncConflict> details = new ArrayList<>();
    for (String path : conflicts) {
      String name1 = versionName(path, 1, modern);
      String name2 = versionName(path, 2, modern);
      Integer loser = loser(path, listed, name1, name2, modern);
      if (loser == null) {
        details.add(tie(path, listed.get(name1), listed.get(name2), name1, name2));
        continue;
      }
      String lost = loser == 1 ? name1 : name2;
      String won = modern ? path : (loser == 1 ? name2 : name1);
      // rclone 1.75 leaves the winner out of its listing until the next run has looked again.
      BisyncListing.Entry winner =
          listed.containsKey(won) ? listed.get(won) : stat(bisync.path1().child(won));
      BisyncListing.Entry one = loser == 1 ? listed.get(lost) : winner;
      BisyncListing.Entry two = loser == 1 ? winner : listed.get(lost);
      if (!won.equals(path)) {
        run(commands.moveTo(bisync.path1().child(won), bisync.path1().child(path)));
        run(commands.moveTo(bisync.path2().child(won), bisync.path2().child(path)));
      }
      RcloneLocation loserSide = loser == 1 ? bisync.path1() : bisync.path2();
      RcloneLocation winnerSide = loser == 1 ? bisync.path2() : bisync.path1();
      RcloneLocation history = loser == 1 ? bisync.history1() : bisync.history2();
      run(commands.moveTo(loserSide.child(lost), history.child(path)));
      run(commands.deleteFile(winnerSide.child(lost)));
      for (BisyncListing listing : List.of(listing1, listing2)) {
        listing.rename(won, path);
        listing.remove(lost);
      }
      details.add(
          new BisyncConflict(
              path,
              one.modified(),
              one.size(),
              two.modified(),
              two.size(),
              loser == 1 ? BisyncConflict.PATH2 : BisyncConflict.PATH1,
              historyFolder + "/" + path));
    }
    listing1.save();
    listing2.save();
    return details;
  }

  /**
   * The name a side's version of a conflict has after bisync: {@code <path>.conflict<side>} (rclone
   * 1.66 and later, {@code --conflict-loser pathname}: only the loser's), else {@code
   * <path>..path<side>} (both).
   */
  private static String versionName(String path, int side, boolean modern) {
    return path + (modern ? ".conflict" : "..path") + side;
  }

  /** The side whose version lost (1 or 2), or null when neither version is newer. */
  private static Integer loser(
      String path,
      Map<String, BisyncListing.Entry> listed,
      String name1,
      String name2,
      boolean modern) {
    BisyncListing.Entry one = listed.get(name1);
    BisyncListing.Entry two = listed.get(name2);
    if (modern) {
      // rclone picked the winner: it kept the path, and only the loser was renamed.
      return (one == null) == (two == null) ? null : one != null ? 1 : 2;
    }
    if (one == null || two == null || one.modified().equals(two.modified())) {
      return null;
    }
    return one.modified().isAfter(two.modified()) ? 2 : 1;
  }

  private static BisyncConflict tie(
      String path, BisyncListing.Entry one, BisyncListing.Entry two, String name1, String name2) {
    return new BisyncConflict(
        path,
        one == null ? null : one.modified(),
        one == null ? -1 : one.size(),
        two == null ? null : two.modified(),
        two == null ? -1 : two.size(),
        null,
        name1 + ", " + name2);
  }

  private BisyncListing.Entry stat(RcloneLocation file) {
    RcloneOutput output = runner.run(commands.stat(file), properties.checkTimeout());
    if (!output.succeeded()) {
      throw new ConflictException(
          "cannot read the winner of a conflict, "
              + file.location()
              + ": "
              + output.report().errorMessage());
    }
    JsonNode listed = JSON.readTree(output.stdout()).path(0);
    return new BisyncListing.Entry(
        listed.path("Size").asLong(),
        OffsetDateTime.parse(listed.path("ModTime").asString()).toInstant());
  }

  private void run(RcloneCommand command) {
    RcloneOutput output = runner.run(command, properties.checkTimeout());
    if (!output.succeeded()) {
      throw new ConflictException(
          "bisync kept both versions of a conflict, but moving them failed: "
              + output.report().errorMessage());
    }
  }

  /**
   * The lists as they are once resolved: a conflict with a winner is a modification (the losing
   * side got the winner) whose old version moved into the history, not an addition or a deletion of
   * the names bisync used on the way.
   */
  private static Resolved corrected(
      RunStats stats, RunChanges changes, List<BisyncConflict> details) {
    List<String> added = new ArrayList<>(changes.added());
    List<String> modified = new ArrayList<>(changes.modified());
    List<String> deleted = new ArrayList<>(changes.deleted());
    List<String> moved = new ArrayList<>(changes.movedToRevisions());
    for (BisyncConflict conflict : details) {
      if (conflict.winner() == null) {
        continue;
      }
      String path = conflict.path();
      added.removeAll(
          List.of(
              path, path + "..path1", path + "..path2", path + ".conflict1", path + ".conflict2"));
      deleted.remove(path);
      if (!modified.contains(path)) {
        modified.add(path);
      }
      if (!moved.contains(path)) {
        moved.add(path);
      }
    }
    RunStats counted =
        new RunStats(
            stats.filesAdded() - (changes.added().size() - added.size()),
            stats.filesModified() + (modified.size() - changes.modified().size()),
            stats.filesDeleted() - (changes.deleted().size() - deleted.size()),
            stats.filesMovedToRevisions() + (moved.size() - changes.movedToRevisions().size()),
            stats.bytesTransferred(),
            stats.filesChecked(),
            stats.errors(),
            stats.conflicts());
    return new Resolved(
        counted,
        new RunChanges(
            added, modified, deleted, moved, changes.conflicts(), changes.omitted(), details),
        null);
  }

  private static final class ConflictException extends RuntimeException {
    ConflictException(String message) {
      super(message);
    }
  }
}
