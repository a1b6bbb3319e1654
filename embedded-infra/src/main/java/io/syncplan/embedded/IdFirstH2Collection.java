package io.syncplan.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 collection, reading a query that names its {@code _id} through the {@code
 * _id} index even when the query has other conditions too. The library uses an index only when the
 * query's fields are exactly the index's, so {@code {_id: x, deleted: false}} or {@code {_id: x,
 * status: {$nin: [...]}}} (how the services read a live plan and update an unfinished run) read
 * every document of the collection: 0.2 s at 100,000 runs and 10 s at 400,000 here
 * (docs/benchmarks.md, "A million stored runs"). Here such a query reads the documents with that
 * {@code _id} (one, or those of an {@code $in}) and applies the whole query to them, which selects
 * the same documents.
 */
final class IdFirstH2Collection extends H2Collection {

  private static final String ID = "_id";

  IdFirstH2Collection(
      MongoDatabase database,
      String collectionName,
      CollectionOptions options,
      MVMap<Object, Document> dataMap,
      MVMap<String, Object> metaMap,
      CursorRegistry cursorRegistry) {
    super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
  }

  @Override
  protected QueryResult queryDocuments(
      Document query,
      Document orderBy,
      int numberToSkip,
      int limit,
      int batchSize,
      Document fieldSelector) {
    Object id = idCondition(query);
    if (id != null) {
      Document byId = new Document(ID, id);
      for (Index<Object> index : getIndexes()) {
        if (index.canHandle(byId)) {
          return matchDocuments(
              query,
              index.getPositions(byId),
              orderBy,
              numberToSkip,
              limit,
              batchSize,
              fieldSelector);
        }
      }
    }
    return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
  }

  /**
   * The condition on {@code _id} of a query with more conditions than that one: beside the others,
   * or one of the parts of a top-level {@code $and} (how the Java driver writes {@code
   * Filters.and}). Null where there is none, or the query is {@code _id} alone (the library's own
   * index lookup serves that).
   */
  private static Object idCondition(Document query) {
    if (query.size() > 1 && query.get(ID) != null) {
      return query.get(ID);
    }
    if (query.get("$and") instanceof List<?> parts) {
      for (Object part : parts) {
        if (part instanceof Document condition && condition.get(ID) != null) {
          return condition.get(ID);
        }
      }
    }
    return null;
  }
}
