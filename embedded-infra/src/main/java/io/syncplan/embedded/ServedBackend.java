package io.syncplan.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * The store as one server serves it. A mongo-java-server closes its backend when it shuts down;
 * through this view it does not, so the server can be stopped (an outage) and a new one started on
 * the same store. The store itself is closed by {@link EmbeddedMongo#close()}.
 */
final class ServedBackend implements MongoBackend {

  private final MongoBackend store;

  ServedBackend(MongoBackend store) {
    this.store = store;
  }

  @Override
  public void close() {
    // the store outlives the server
  }

  @Override
  public void handleClose(Channel channel) {
    store.handleClose(channel);
  }

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    return store.handleCommand(channel, database, command, query);
  }

  @Override
  public QueryResult handleQuery(MongoQuery query) {
    return store.handleQuery(query);
  }

  @Override
  public Document handleMessage(MongoMessage message) {
    return store.handleMessage(message);
  }

  @Override
  public void dropDatabase(String database) {
    store.dropDatabase(database);
  }

  @Override
  public Collection<Document> getCurrentOperations(MongoQuery query) {
    return store.getCurrentOperations(query);
  }

  @Override
  public Document getServerStatus() {
    return store.getServerStatus();
  }

  @Override
  public void closeCursors(List<Long> cursorIds) {
    store.closeCursors(cursorIds);
  }

  @Override
  public Clock getClock() {
    return store.getClock();
  }

  @Override
  public void enableOplog() {
    store.enableOplog();
  }

  @Override
  public void disableOplog() {
    store.disableOplog();
  }

  @Override
  public MongoDatabase resolveDatabase(String database) {
    return store.resolveDatabase(database);
  }

  @Override
  public MongoBackend version(MongoVersion version) {
    store.version(version);
    return this;
  }
}
