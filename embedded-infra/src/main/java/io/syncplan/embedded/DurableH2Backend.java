package io.syncplan.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.nio.file.Path;
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
