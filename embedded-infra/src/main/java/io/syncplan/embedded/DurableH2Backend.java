package io.syncplan.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, answering a write only once it is on disk. The plain backend
 * commits its MVStore on a timer, so a write it had acknowledged could vanish in a crash (plans
 * answered {@code 201} were gone after a {@code kill -9}). Here every command that may write waits
 * for a {@link GroupCommit}; reads are answered at once. The file format is the plain backend's, so
 * a data directory written before keeps working.
 */
final class DurableH2Backend extends H2Backend {

  /** H2Backend's prefix of the maps that hold a database's collections. */
  private static final String DATABASE_MAPS = "databases.";

  /** H2Backend's prefix of the maps that hold a collection's counters. */
  private static final String META_MAPS = "meta.";

  /** MongoDB's first batch of a find that names none. */
  private static final int FIRST_BATCH = 101;

  /** How often H2's background writer commits and tidies the file: H2's own default. */
  private static final int H2_AUTO_COMMIT_DELAY_MS = 1000;

  private final MVStore store;
  private final VersionMark mark;
  private final GroupCommit commits;

  private DurableH2Backend(MVStore store, VersionMark mark) {
    super(store);
    this.store = store;
    this.mark = mark;
    this.commits = new GroupCommit(store, mark::record);
  }

  /** Opens the file (see {@link StoreFile}) and every database in it, or refuses to start. */
  static DurableH2Backend open(Path file) {
    VersionMark mark = new VersionMark(file);
    MVStore store = StoreFile.open(file, mark);
    DurableH2Backend backend;
    try {
      backend = new DurableH2Backend(store, mark);
    } catch (RuntimeException e) {
      store.closeImmediately();
      throw new DamagedStoreException(file.toAbsolutePath(), e.toString());
    }
    // H2Backend logs a database it cannot open and goes on without it: here that stops the start.
    Set<String> stored = storedDatabases(store);
    stored.removeAll(backend.listDatabaseNames());
    if (!stored.isEmpty()) {
      backend.close();
      throw new DamagedStoreException(
          file.toAbsolutePath(), "the database(s) " + stored + " in it could not be opened");
    }
    // H2's background writer, held back while the file was checked and opened (StoreFile)
    store.setAutoCommitDelay(H2_AUTO_COMMIT_DELAY_MS);
    return backend;
  }

  private static Set<String> storedDatabases(MVStore store) {
    Set<String> names = new TreeSet<>();
    for (String map : store.getMapNames()) {
      if (map.startsWith(DATABASE_MAPS)) {
        String namespace = map.substring(DATABASE_MAPS.length());
        int dot = namespace.indexOf('.');
        names.add(dot < 0 ? namespace : namespace.substring(0, dot));
      }
    }
    return names;
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return new IndexedDatabase(databaseName);
  }

  /**
   * H2's database, with collections that read through their indexes ({@link IndexedH2Collection}),
   * indexes that are not unique kept in the file ({@link OrderedIndex}), and counting aggregations
   * answered from them ({@link CountDocuments}, {@link GroupCounts}). The maps are H2Database's own
   * (an index's too, so that dropping it removes its map), so a file written by the plain backend
   * opens with everything in it; its indexes that are not unique are built at the first start. An
   * inner class, and the store read through {@link #getMvStore()}: H2Backend opens the stored
   * databases in its constructor, and H2Database its collections in its own, before any field of a
   * subclass is set.
   */
  private final class IndexedDatabase extends H2Database {

    IndexedDatabase(String databaseName) {
      super(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(
        String collectionName, CollectionOptions options) {
      String namespace = getFullCollectionNamespace(collectionName);
      return new IndexedH2Collection(
          this,
          collectionName,
          options,
          getMvStore().openMap(DATABASE_MAPS + namespace),
          getMvStore().openMap(META_MAPS + namespace),
          cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(
        String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
      return OrderedIndex.open(
          getMvStore(), getFullCollectionNamespace(collectionName), indexName, keys, sparse);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
      super.dropIndex(collection, indexName);
      String map = OrderedIndex.mapName(collection.getFullName(), indexName);
      if (getMvStore().hasMap(map)) {
        getMvStore().removeMap(map);
      }
    }

    @Override
    public Document handleCommand(
        Channel channel,
        String command,
        Document query,
        DatabaseResolver databaseResolver,
        Oplog oplog) {
      if (command.equalsIgnoreCase("find") && !query.containsKey("batchSize")) {
        // the library answers a find without a batch size with every match at once (100,000
        // plans: more than the stack's heap); MongoDB with 101, and the rest as the client reads
        query.put("batchSize", FIRST_BATCH);
      }
      if (command.equalsIgnoreCase("aggregate")) {
        Document counted = CountDocuments.answer(this, query);
        if (counted == null) {
          counted = GroupCounts.answer(this, query, databaseResolver, oplog);
        }
        if (counted != null) {
          return counted;
        }
      }
      return super.handleCommand(channel, command, query, databaseResolver, oplog);
    }
  }

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    if (ReadOnlyCommands.isReadOnly(command, query)) {
      return super.handleCommand(channel, database, command, query);
    }
    return commits.write(() -> super.handleCommand(channel, database, command, query));
  }

  @Override
  public void close() {
    super.close();
    mark.write(store.getCurrentVersion());
  }

  /** How many times the file was forced to disk since it was opened. */
  long syncs() {
    return commits.syncs();
  }
}
