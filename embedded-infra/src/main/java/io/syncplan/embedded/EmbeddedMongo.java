package io.syncplan.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoDatabase;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * A server speaking the MongoDB wire protocol (mongo-java-server), in this JVM: in memory for
 * tests, or in an H2 file so that the standalone stack keeps its data across restarts. In a file, a
 * write is acknowledged only once it is on disk ({@link DurableH2Backend}). It has no transactions
 * and no change streams; syncplan relies on neither.
 */
public final class EmbeddedMongo implements AutoCloseable {

  /**
   * The server's threads, each serving the connections assigned to it: a command that waits for a
   * collection held by a long read holds up every other connection of its thread, so there are more
   * of them than netty's default of two a core (with four, the stack's start at a million runs
   * could not connect while the plans were read).
   */
  private static final int SERVER_THREADS = 32;

  private final MongoBackend backend;
  private final String host;
  private final int port;
  private MongoServer server;

  private EmbeddedMongo(MongoBackend backend, String host, int port) {
    this.backend = backend;
    this.host = host;
    this.server = new MongoServer(new ServedBackend(backend));
    this.server.bind(new InetSocketAddress(host, port), 1, SERVER_THREADS);
    this.port = server.getLocalAddress().getPort();
  }

  /** A store that forgets everything when it stops. Port 0 picks a free one. */
  public static EmbeddedMongo inMemory(String host, int port) {
    return new EmbeddedMongo(new MemoryBackend(), host, port);
  }

  /**
   * A store kept in one H2 file, created on first use. Port 0 picks a free one.
   *
   * @throws DamagedStoreException when the file exists but cannot be read whole
   */
  public static EmbeddedMongo inFile(Path file, String host, int port) {
    DurableH2Backend backend = DurableH2Backend.open(file);
    try {
      return new EmbeddedMongo(backend, host, port);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  /** A connection string without a database name; each service names its own database. */
  public String connectionString() {
    return "mongodb://" + host + ":" + port;
  }

  public int port() {
    return port;
  }

  /**
   * Stops answering, as an outage of the store would: connections are closed and new ones refused
   * until {@link #start()}. The data is kept.
   */
  public synchronized void stop() {
    if (server != null) {
      server.shutdownNow();
      server = null;
    }
  }

  /** Answers again after {@link #stop()}, on the same port, with the same data. */
  public synchronized void start() {
    if (server == null) {
      MongoServer restarted = new MongoServer(new ServedBackend(backend));
      restarted.bind(new InetSocketAddress(host, port), 1, SERVER_THREADS);
      server = restarted;
    }
  }

  /** How often a file store forced its writes to disk; 0 in memory. For tests. */
  long syncs() {
    return backend instanceof DurableH2Backend durable ? durable.syncs() : 0;
  }

  /**
   * How many documents a collection of a file store has read to answer queries, counts, updates and
   * deletes since it was opened; 0 in memory. For tests.
   */
  long documentsRead(String database, String collection) {
    return backend instanceof DurableH2Backend durable
            && durable.resolveDatabase(database) instanceof AbstractMongoDatabase<?> files
            && files.resolveCollection(collection, false) instanceof IndexedH2Collection indexed
        ? indexed.documentsRead()
        : 0;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  @Override
  public synchronized void close() {
    stop();
    backend.close();
  }
}
