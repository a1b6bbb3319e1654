package io.syncplan.executor.bisync;

import io.syncplan.contracts.run.ResyncChanges;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.rclone.Bisync;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.RcloneOutput;
import io.syncplan.executor.rclone.RcloneRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a resync on rclone before 1.66 end as on later ones ({@code --resync-mode newer} with
 * backup folders): of a file both sides hold in different versions, the newer wins on both sides
 * and the older is kept in its side's history. rclone 1.60's resync would copy path1's version over
 * path2's whatever their times; so the executor first moves the older version of each such file
 * into its side's history (of two with the same modification time, path1's, as rclone 1.66+ does),
 * which leaves the newer one the only version, and the resync then copies it to the other side.
 */
@Component
public class OlderVersions {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RcloneCommandBuilder commands;
  private final RcloneRunner runner;
  private final ExecutorProperties properties;

  OlderVersions(RcloneCommandBuilder commands, RcloneRunner runner, ExecutorProperties properties) {
    this.commands = commands;
    this.runner = runner;
    this.properties = properties;
  }

  /** The files whose version on each side is the older one. */
  public record Older(List<String> onPath1, List<String> onPath2) {

    public static final Older NONE = new Older(List.of(), List.of());

    public Older plus(Older more) {
      List<String> one = new ArrayList<>(onPath1);
      one.addAll(more.onPath1());
      List<String> two = new ArrayList<>(onPath2);
      two.addAll(more.onPath2());
      return new Older(one, two);
    }
  }

  /** The outcome of a step, or why it failed. */
  public record Found(Older older, String failure) {}

  /**
   * Which version of each of these files (held by both sides, in different versions) is the older.
   *
   * @param scratch a folder for the list of files rclone reads
   */
  public Found find(Bisync bisync, List<String> differing, Path scratch) {
    if (differing.isEmpty()) {
      return new Found(Older.NONE, null);
    }
    Path list = scratch.resolve("resync-differing.txt");
    try {
      Files.write(list, differing, StandardCharsets.UTF_8);
      Map<String, Instant> one = modified(bisync.path1(), list);
      Map<String, Instant> two = modified(bisync.path2(), list);
      List<String> olderOn1 = new ArrayList<>();
      List<String> olderOn2 = new ArrayList<>();
      for (String path : differing) {
        Instant time1 = one.get(path);
        Instant time2 = two.get(path);
        if (time1 == null || time2 == null) {
          continue; // gone meanwhile: the resync copies what is there
        }
        (time2.isBefore(time1) ? olderOn2 : olderOn1).add(path);
      }
      return new Found(new Older(olderOn1, olderOn2), null);
    } catch (ListingException e) {
      return new Found(Older.NONE, e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + list, e);
    } finally {
      list.toFile().delete();
    }
  }

  /** Moves the older versions into their sides' history; null, or why a move failed. */
  public String moveAway(Bisync bisync, Older older) {
    for (String path : older.onPath1()) {
      String failure = move(bisync.path1().child(path), bisync.history1().child(path));
      if (failure != null) {
        return failure;
      }
    }
    for (String path : older.onPath2()) {
      String failure = move(bisync.path2().child(path), bisync.history2().child(path));
      if (failure != null) {
        return failure;
      }
    }
    return null;
  }

  private String move(RcloneLocation from, RcloneLocation to) {
    RcloneOutput output = runner.run(commands.moveTo(from, to), properties.checkTimeout());
    return output.succeeded()
        ? null
        : "could not keep the older version of "
            + from.location()
            + " in the history before the resync: "
            + output.report().errorMessage();
  }

  private Map<String, Instant> modified(RcloneLocation side, Path list) {
    RcloneOutput output = runner.run(commands.listFiles(side, list), properties.checkTimeout());
    if (!output.succeeded()) {
      throw new ListingException(
          "cannot read the modification times of the files to resync on "
              + side.location()
              + ": "
              + output.report().errorMessage());
    }
    Map<String, Instant> times = new HashMap<>();
    for (JsonNode file : JSON.readTree(output.stdout())) {
      times.put(
          file.path("Path").asString(),
          OffsetDateTime.parse(file.path("ModTime").asString()).toInstant());
    }
    return times;
  }

  /**
   * The changes of a resync as they are once the older versions were moved away first: such a
   * file's newer version was copied over it (a modification whose old version went to the history),
   * not added, whatever rclone's log of the resync (or of its preview) said.
   */
  public static Corrected corrected(RunStats stats, RunChanges changes, Older older) {
    ResyncChanges sides =
        changes.resync() == null
            ? new ResyncChanges(List.of(), List.of(), List.of(), List.of())
            : changes.resync();
    Set<String> addedTo1 = new LinkedHashSet<>(sides.addedToPath1());
    Set<String> replacedOn1 = new LinkedHashSet<>(sides.replacedOnPath1());
    Set<String> addedTo2 = new LinkedHashSet<>(sides.addedToPath2());
    Set<String> replacedOn2 = new LinkedHashSet<>(sides.replacedOnPath2());
    Set<String> added = new LinkedHashSet<>(changes.added());
    Set<String> modified = new LinkedHashSet<>(changes.modified());
    Set<String> moved = new LinkedHashSet<>(changes.movedToRevisions());
    for (String path : older.onPath1()) {
      addedTo1.remove(path);
      replacedOn2.remove(path);
      replacedOn1.add(path);
    }
    for (String path : older.onPath2()) {
      addedTo2.remove(path);
      replacedOn1.remove(path);
      replacedOn2.add(path);
    }
    for (String path : concat(older.onPath1(), older.onPath2())) {
      added.remove(path);
      modified.add(path);
      moved.add(path);
    }
    RunStats counted =
        new RunStats(
            stats.filesAdded() - (changes.added().size() - added.size()),
            stats.filesModified() + (modified.size() - changes.modified().size()),
            stats.filesDeleted(),
            stats.filesMovedToRevisions() + (moved.size() - changes.movedToRevisions().size()),
            stats.bytesTransferred(),
            stats.filesChecked(),
            stats.errors(),
            stats.conflicts());
    return new Corrected(
        counted,
        new RunChanges(
            List.copyOf(added),
            List.copyOf(modified),
            changes.deleted(),
            List.copyOf(moved),
            changes.conflicts(),
            changes.omitted(),
            changes.conflictDetails(),
            new ResyncChanges(
                List.copyOf(addedTo1),
                List.copyOf(replacedOn1),
                List.copyOf(addedTo2),
                List.copyOf(replacedOn2))));
  }

  /** A resync's stats and changes, corrected. */
  public record Corrected(RunStats stats, RunChanges changes) {}

  private static List<String> concat(List<String> one, List<String> two) {
    List<String> all = new ArrayList<>(one);
    all.addAll(two);
    return all;
  }

  private static final class ListingException extends RuntimeException {
    ListingException(String message) {
      super(message);
    }
  }
}
