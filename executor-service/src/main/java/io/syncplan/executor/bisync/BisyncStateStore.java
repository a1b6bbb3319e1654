package io.syncplan.executor.bisync;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.ReplaceOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
   * Empties the folder and writes the plan's saved listings into it; false when there are none (the
   * plan's first bisync, or one whose state was given up after a critical abort).
   */
  public boolean restore(String planId, Path workdir) {
    clear(workdir);
    Document pointer = current.find(eq("_id", planId)).first();
    if (pointer == null) {
      return false;
    }
    int restored = 0;
    for (GridFSFile file :
        files.find(
            and(
                eq("metadata.planId", planId),
                eq("metadata.generation", pointer.get("generation"))))) {
      String name = file.getMetadata().getString("name");
      try (OutputStream out = Files.newOutputStream(workdir.resolve(name));
          InputStream in = new GZIPInputStream(files.openDownloadStream(file.getObjectId()))) {
        in.transferTo(out);
        restored++;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot restore bisync state of plan " + planId, e);
      }
    }
    return restored > 0;
  }

  /** Saves the listings bisync left in the folder as the plan's state (none: state given up). */
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

  /** Gives the plan's state up: its next run starts over with --resync. */
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
