package io.syncplan.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server speaking the MongoDB wire protocol (mongo-java-server), in this JVM: in memory for
 * tests, or in an H2 file so that the standalone stack keeps its data across restarts. It has no
 * transactions and no change streams; syncplan relies on neither.
 */
public final class EmbeddedMongo implements AutoCloseable {

  private final MongoBackend backend;
  private final MongoServer server;
  private final String host;
  private final int port;

  private EmbeddedMongo(MongoBackend backend, String host, int port) {
    this.backend = backend;
    this.server = new MongoServer(backend);
    this.host = host;
    this.server.bind(host, port);
    this.port = server.getLocalAddress().getPort();
  }

  /** A store that forgets everything when it stops. Port 0 picks a free one. */
  public static EmbeddedMongo inMemory(String host, int port) {
    return new EmbeddedMongo(new MemoryBackend(), host, port);
  }

  /** A store kept in one H2 file, created on first use. Port 0 picks a free one. */
  public static EmbeddedMongo inFile(Path file, String host, int port) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + file, e);
    }
    return new EmbeddedMongo(new H2Backend(file.toAbsolutePath().toString()), host, port);
  }

  /** A connection string without a database name; each service names its own database. */
  public String connectionString() {
    return "mongodb://" + host + ":" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.shutdownNow();
    backend.close();
  }
}
