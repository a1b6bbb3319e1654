package io.syncplan.executor.bisync;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Keeps each BISYNC plan's state (bisync's listing files) in MongoDB GridFS, so that it survives an
 * executor's restart and follows the plan to whichever executor runs it next. A save writes a new
 * generation of files, then points the plan at it with one atomic write, then removes older ones: a
 * save cut short leaves the previous state whole.
 *
 * <p>Once a plan's state has been saved, it is never silently rebuilt: a state that has gone or
 * cannot be read, or a critical abort of bisync, puts the plan into NEEDS_RESYNC, kept here with
 * the plan's pointer, and every executor refuses the plan's runs until a resync succeeds. The mark
 * lives beside the state rather than in plan-service, so that a run command is refused even when
 * plan-service has not heard of it yet.
 */
@Component
public class BisyncStateStore {

  private static final String LISTING_SUFFIX = ".lst";

  private final GridFSBucket files;
  private final MongoCollection<Document> current;
  private final Clock clock;

  BisyncStateStore(MongoDatabase executorDatabase, Clock clock) {
    this.files = GridFSBuckets.create(executorDatabase, "bisync_state");
    this.current = executorDatabase.getCollection("bisync_state_current");
    this.clock = clock;
  }

  /**
   * Why a plan's runs are refused until a resync.
   *
   * @param cause {@code STATE_MISSING}, {@code STATE_CORRUPT} or {@code CRITICAL_ABORT}
   * @param runId the run that found it
   */
  public record NeedsResync(String cause, String message, Instant since, String runId) {}

  /**
   * What is known of a plan's state.
   *
   * @param saved true once a run of the plan saved its state (it is no first run any more)
   * @param needsResync why its runs are refused, or null
   */
  public record State(boolean saved, NeedsResync needsResync) {}

  /** How a restore went. */
  public enum Restored {
    /** The listings are in the folder. */
    RESTORED,
    /** The plan never saved a state: its first run builds it. */
    NONE,
    /** The plan's pointer names a state whose listings are not all there. */
    MISSING,
    /** A listing cannot be read. */
    CORRUPT
  }

  public State state(String planId) {
    Document pointer = current.find(eq("_id", planId)).first();
    if (pointer == null) {
      return new State(false, null);
    }
    Document mark = pointer.get("needsResync", Document.class);
    return new State(
        pointer.get("generation") != null,
        mark == null
            ? null
            : new NeedsResync(
                mark.getString("cause"),
                mark.getString("message"),
                mark.getDate("since").toInstant(),
                mark.getString("runId")));
  }

  /**
   * Marks the plan NEEDS_RESYNC unless it is already, and returns the mark it holds now (an earlier
   * one stays, with its cause and run); null for a plan that never saved a state, whose next run is
   * a resync anyway.
   */
  public NeedsResync markNeedsResync(String planId, NeedsResync mark) {
    current.updateOne(
        and(eq("_id", planId), exists("generation"), eq("needsResync", null)),
        Updates.set(
            "needsResync",
            new Document("cause", mark.cause())
                .append("message", mark.message())
                .append("since", Date.from(mark.since()))
                .append("runId", mark.runId())));
    return state(planId).needsResync();
  }

  /**
   * Empties the folder and writes the plan's saved listings into it. A plan whose pointer names
   * listings that are gone ({@link Restored#MISSING}) or cannot be read ({@link Restored#CORRUPT})
   * needs a resync; an outage of MongoDB itself is thrown, to be retried.
   */
  public Restored restore(String planId, Path workdir) {
    clear(workdir);
    Document pointer = current.find(eq("_id", planId)).first();
    if (pointer == null || pointer.get("generation") == null) {
      return Restored.NONE;
    }
    List<String> names = new ArrayList<>();
    for (GridFSFile file :
        files.find(
            and(
                eq("metadata.planId", planId),
                eq("metadata.generation", pointer.get("generation"))))) {
      String name = file.getMetadata().getString("name");
      try (OutputStream out = Files.newOutputStream(workdir.resolve(name));
          InputStream in = new GZIPInputStream(files.openDownloadStream(file.getObjectId()))) {
        in.transferTo(out);
        names.add(name);
      } catch (IOException | MongoGridFSException e) {
        return Restored.CORRUPT;
      }
    }
    // bisync needs the listing of each side
    boolean complete =
        names.stream().anyMatch(name -> name.endsWith(".path1" + LISTING_SUFFIX))
            && names.stream().anyMatch(name -> name.endsWith(".path2" + LISTING_SUFFIX));
    return complete ? Restored.RESTORED : Restored.MISSING;
  }

  /** Empties bisync's folder for a run that builds the state afresh (a resync). */
  public void prepareEmpty(Path workdir) {
    clear(workdir);
  }

  /**
   * Saves the listings bisync left in the folder as the plan's state, and ends a NEEDS_RESYNC: only
   * a successful run saves, and only a resync runs while the plan needs one.
   */
  public void save(String planId, Path workdir) {
    String generation = UUID.randomUUID().toString();
    for (Path listing : listings(workdir)) {
      String name = listing.getFileName().toString();
      GridFSUploadOptions options =
          new GridFSUploadOptions()
              .metadata(
                  new Document("planId", planId)
                      .append("generation", generation)
                      .append("name", name));
      try (InputStream in = Files.newInputStream(listing);
          OutputStream out = files.openUploadStream(planId + "/" + name, options);
          GZIPOutputStream zipped = new GZIPOutputStream(out)) {
        in.transferTo(zipped);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save bisync state of plan " + planId, e);
      }
    }
    current.replaceOne(
        eq("_id", planId),
        new Document("_id", planId)
            .append("generation", generation)
            .append("savedAt", Date.from(clock.instant())),
        new ReplaceOptions().upsert(true));
    for (GridFSFile stale :
        files.find(and(eq("metadata.planId", planId), ne("metadata.generation", generation)))) {
      files.delete(stale.getObjectId());
    }
  }

  /** Forgets the plan's state and any NEEDS_RESYNC, when the plan and its data are gone. */
  public void forget(String planId) {
    current.deleteOne(eq("_id", planId));
    for (GridFSFile stale : files.find(eq("metadata.planId", planId))) {
      files.delete(stale.getObjectId());
    }
  }

  private static List<Path> listings(Path workdir) {
    if (!Files.isDirectory(workdir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.list(workdir)) {
      return paths
          .filter(path -> path.getFileName().toString().endsWith(LISTING_SUFFIX))
          .filter(Files::isRegularFile)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void clear(Path workdir) {
    try {
      if (Files.exists(workdir)) {
        List<Path> all;
        try (Stream<Path> paths = Files.walk(workdir)) {
          all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
        }
        for (Path path : all) {
          Files.deleteIfExists(path);
        }
      }
      Files.createDirectories(workdir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare bisync's folder " + workdir, e);
    }
  }
}
