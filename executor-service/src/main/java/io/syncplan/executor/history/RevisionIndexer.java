package io.syncplan.executor.history;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.revision.RevisionFile;
import io.syncplan.contracts.revision.RevisionIndexCompleted;
import io.syncplan.contracts.revision.RevisionIndexed;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.rclone.HistoryCommands;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.RcloneOutput;
import io.syncplan.executor.rclone.RcloneRunner;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import io.syncplan.executor.revision.RevisionFolders;
import io.syncplan.executor.storage.UnreadableSecretException;
import io.syncplan.support.MessagePublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells plan-service what a plan's revision folders hold ({@link RevisionIndexed}), so that its
 * history can be browsed without listing the storage on every request: after a run moved files into
 * a revision folder, and for a whole history on request. Each folder is listed once (through the
 * plan's encryption), its files sorted by path (on disk beyond a size, so memory stays flat) and
 * sent in parts small enough for a Kafka record, in order.
 */
@Component
public class RevisionIndexer {

  private static final Logger log = LoggerFactory.getLogger(RevisionIndexer.class);

  /** A part holds at most this many files... */
  static final int PART_FILES = 1000;

  /** ...and at most about this many characters of paths, well below Kafka's 1 MB per record. */
  static final int PART_CHARS = 200_000;

  static final int SORTED_IN_MEMORY = 50_000;
  private static final Duration LISTING_TIMEOUT = Duration.ofMinutes(30);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

  private final PlanLocations locations;
  private final HistoryCommands commands;
  private final RcloneRunner rclone;
  private final MessagePublisher publisher;
  private final Path workDir;

  RevisionIndexer(
      PlanLocations locations,
      HistoryCommands commands,
      RcloneRunner rclone,
      MessagePublisher publisher,
      ExecutorProperties properties) {
    this.locations = locations;
    this.commands = commands;
    this.rclone = rclone;
    this.publisher = publisher;
    this.workDir = properties.workDir();
  }

  /**
   * Indexes the revision folder a run made (on every side that has it); logs and returns false when
   * it could not, which the next indexing of the plan's whole history mends.
   */
  public boolean indexRevision(PlanSnapshot plan, String revision, String runId) {
    Instant madeAt = RevisionFolders.parse(revision).orElseThrow();
    try (Scratch scratch = Scratch.create(workDir)) {
      SortedEntries entries = new SortedEntries(scratch.folder(), SORTED_IN_MEMORY);
      for (Map.Entry<RevisionFile.Side, RcloneLocation> history :
          locations.histories(plan).entrySet()) {
        String failure =
            list(
                history.getValue().child(revision),
                scratch,
                file ->
                    entries.add(
                        new SortedEntries.Entry(
                            file.path(),
                            file.path(),
                            file.size(),
                            file.modifiedAt(),
                            history.getKey())));
        if (failure != null) {
          log.warn("Revision {} of plan {} not indexed: {}", revision, plan.id(), failure);
          return false;
        }
      }
      if (entries.isEmpty()) {
        return true;
      }
      Parts parts = new Parts(plan.id(), revision, madeAt, runId, count(entries));
      entries.forEachSorted(entry -> parts.add(entry));
      parts.finish();
      return true;
    } catch (UnsafeArgumentException | UnreadableSecretException | UncheckedIOException e) {
      log.warn("Revision {} of plan {} not indexed: {}", revision, plan.id(), e.getMessage());
      return false;
    }
  }

  /** Indexes every revision folder of the plan, then says which there are. */
  public RevisionIndexCompleted indexAll(PlanSnapshot plan, String requestId) {
    try (Scratch scratch = Scratch.create(workDir)) {
      locations.check(plan);
      SortedEntries entries = new SortedEntries(scratch.folder(), SORTED_IN_MEMORY);
      for (Map.Entry<RevisionFile.Side, RcloneLocation> history :
          locations.histories(plan).entrySet()) {
        String failure =
            list(
                history.getValue(),
                scratch,
                file -> {
                  int slash = file.path().indexOf('/');
                  if (slash > 0
                      && RevisionFolders.parse(file.path().substring(0, slash)).isPresent()) {
                    entries.add(
                        new SortedEntries.Entry(
                            file.path(),
                            file.path().substring(slash + 1),
                            file.size(),
                            file.modifiedAt(),
                            history.getKey()));
                  }
                });
        if (failure != null) {
          return new RevisionIndexCompleted(
              requestId, plan.id(), List.of(), "cannot list the history: " + failure);
        }
      }
      TreeSet<String> revisions = new TreeSet<>();
      Map<String, long[]> totals = new HashMap<>();
      entries.forEachSorted(
          entry -> {
            String revision = entry.key().substring(0, entry.key().indexOf('/'));
            revisions.add(revision);
            long[] total = totals.computeIfAbsent(revision, any -> new long[2]);
            total[0]++;
            total[1] += entry.size();
          });
      Parts[] current = new Parts[1];
      entries.forEachSorted(
          entry -> {
            String revision = entry.key().substring(0, entry.key().indexOf('/'));
            if (current[0] == null || !current[0].revision.equals(revision)) {
              if (current[0] != null) {
                current[0].finish();
              }
              long[] total = totals.get(revision);
              current[0] =
                  new Parts(
                      plan.id(),
                      revision,
                      RevisionFolders.parse(revision).orElseThrow(),
                      null,
                      total);
            }
            current[0].add(entry);
          });
      if (current[0] != null) {
        current[0].finish();
      }
      return new RevisionIndexCompleted(requestId, plan.id(), List.copyOf(revisions), null);
    } catch (UnsafeArgumentException | UnreadableSecretException | UncheckedIOException e) {
      return new RevisionIndexCompleted(requestId, plan.id(), List.of(), e.getMessage());
    }
  }

  /** Lists the files below a location into the scratch folder; the reason it could not, or null. */
  private String list(RcloneLocation location, Scratch scratch, Consumer<ListedFile> each) {
    Path output = scratch.folder().resolve("listing-" + UUID.randomUUID() + ".json");
    RcloneOutput listed = rclone.run(commands.listFiles(location, null), LISTING_TIMEOUT, output);
    if (listed.report().directoryNotFound()) {
      return null;
    }
    if (!listed.succeeded()) {
      return listed.report().errorMessage();
    }
    FileListing.read(output, "", each);
    return null;
  }

  private static long[] count(SortedEntries entries) {
    long[] total = new long[2];
    entries.forEachSorted(
        entry -> {
          total[0]++;
          total[1] += entry.size();
        });
    return total;
  }

  /** The parts of one revision folder, sent as they fill. */
  private final class Parts {
    private final String planId;
    private final String revision;
    private final Instant madeAt;
    private final String runId;
    private final long[] total;
    private final List<RevisionFile> files = new ArrayList<>();
    private int part;
    private int chars;

    Parts(String planId, String revision, Instant madeAt, String runId, long[] total) {
      this.planId = planId;
      this.revision = revision;
      this.madeAt = madeAt;
      this.runId = runId;
      this.total = total;
    }

    void add(SortedEntries.Entry entry) {
      if (!files.isEmpty()
          && (files.size() >= PART_FILES || chars + entry.path().length() > PART_CHARS)) {
        send(false);
      }
      files.add(new RevisionFile(entry.path(), entry.size(), entry.modifiedAt(), entry.side()));
      chars += entry.path().length();
    }

    void finish() {
      send(true);
    }

    private void send(boolean last) {
      publisher
          .publish(
              Topics.EXECUTOR_RESULTS,
              new RevisionIndexed(
                  planId,
                  revision,
                  madeAt,
                  runId,
                  part,
                  List.copyOf(files),
                  last,
                  total[0],
                  total[1]))
          .block(PUBLISH_TIMEOUT);
      part++;
      files.clear();
      chars = 0;
    }
  }

  /** A folder of its own in the work directory for listings and sorted runs; removed after. */
  private record Scratch(Path folder) implements AutoCloseable {

    static Scratch create(Path workDir) {
      try {
        return new Scratch(
            Files.createDirectories(
                workDir.resolve("history").resolve(UUID.randomUUID().toString())));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a folder in " + workDir, e);
      }
    }

    @Override
    public void close() {
      try (var paths = Files.walk(folder)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        // left in the work directory: a scratch folder holds only listings
      }
    }
  }
}
