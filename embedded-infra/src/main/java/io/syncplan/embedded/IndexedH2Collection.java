package io.syncplan.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.InMemoryCursor;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 collection, reading through the collection's indexes where the library
 * reads every document. The library uses an index only when a query's fields are exactly a unique
 * index's fields, each an equality; everything else (a range, a sort, a count, an index that is not
 * unique) read, deserialized and sorted the whole collection, one query at a time: at a million
 * runs the stack stopped answering (docs/benchmarks.md, "A million stored runs"). Here:
 *
 * <ul>
 *   <li>a query that names its {@code _id} beside other conditions, or in one part of a top-level
 *       {@code $and}, reads the documents with that {@code _id} (one, or those of an {@code $in})
 *       and applies the whole query to them;
 *   <li>otherwise a query reads the cheapest ranges of the {@link OrderedIndex}es ({@link
 *       IndexRanges}), applies the whole query to each document read, and stops at its limit where
 *       the index gives the order asked for;
 *   <li>a count whose ranges hold exactly its matches counts the index's keys without reading a
 *       document.
 * </ul>
 *
 * Each selects the same documents as reading them all would.
 */
final class IndexedH2Collection extends H2Collection {

  private static final Logger log = LoggerFactory.getLogger(IndexedH2Collection.class);

  private static final String ID = "_id";

  /** How many documents a query that reads them all reads at a time, holding the collection. */
  private static final int SCAN_BATCH = 1_000;

  /** The documents a later batch holds where the client names no size. */
  private static final int NEXT_BATCH = 1_000;

  private final MVMap<Object, Document> dataMap;
  private final AtomicLong documentsRead = new AtomicLong();

  IndexedH2Collection(
      MongoDatabase database,
      String collectionName,
      CollectionOptions options,
      MVMap<Object, Document> dataMap,
      MVMap<String, Object> metaMap,
      CursorRegistry cursorRegistry) {
    super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    this.dataMap = dataMap;
  }

  /**
   * A query that no index serves reads the collection {@value #SCAN_BATCH} documents at a time and
   * lets other queries and writes of the collection in between, as MongoDB yields during a scan:
   * the library held the collection for the whole read, and a read of 100,000 plans held up every
   * other plan query for seconds. Without a sort, the matches after the first batch are read as the
   * client asks for them ({@link ScanCursor}), not held in memory: the library collected them all
   * and answered with all of them at once, which for 100,000 plans was more than the stack's heap.
   * A document written meanwhile may be seen before or after the write, never half-way.
   */
  @Override
  public QueryResult handleQuery(QueryParameters parameters) {
    Document selector = parameters.getQuerySelector();
    Document query = selector;
    Document orderBy = null;
    for (String wrapper : List.of("query", "$query")) {
      if (selector.get(wrapper) instanceof Document wrapped) {
        query = wrapped;
        Object order = selector.get(wrapper.equals("query") ? "orderby" : "$orderby");
        orderBy = order instanceof Document document ? document : null;
        break;
      }
    }
    int skip = parameters.getNumberToSkip();
    int limit = parameters.getLimit();
    if (!readsEveryDocument(query, orderBy, skip, limit)) {
      return super.handleQuery(parameters);
    }
    // 0: every match in the first batch (how the library's own reads for updates and deletes ask)
    int batchSize = parameters.getBatchSize();
    Document projection = parameters.getProjection();
    if (orderBy != null && !orderBy.isEmpty()) {
      List<Document> all = new Scan(query, 0, Long.MAX_VALUE).next(Integer.MAX_VALUE);
      return matchDocumentsFromStream(
          all.stream(), new Document(), orderBy, skip, limit, batchSize, projection);
    }
    Scan scan = new Scan(query, skip, limit > 0 ? limit : Long.MAX_VALUE);
    List<Document> first =
        project(scan.next(batchSize > 0 ? batchSize : Integer.MAX_VALUE), projection);
    if (scan.done()) {
      return new QueryResult(first);
    }
    ScanCursor cursor = new ScanCursor(cursorRegistry.generateCursorId(), scan, projection);
    cursorRegistry.add(cursor);
    return new QueryResult(first, cursor);
  }

  @Override
  protected de.bwaldvogel.mongo.backend.Cursor createCursor(List<Document> remainingDocuments) {
    PagedCursor cursor = new PagedCursor(cursorRegistry.generateCursorId(), remainingDocuments);
    cursorRegistry.add(cursor);
    return cursor;
  }

  /** The documents with only the fields the projection keeps, as the library projects them. */
  private List<Document> project(List<Document> documents, Document projection) {
    if (projection == null || projection.isEmpty() || documents.isEmpty()) {
      return documents;
    }
    return matchDocumentsFromStream(
            documents.stream(), new Document(), null, 0, 0, documents.size(), projection)
        .collectDocuments();
  }

  /** Whether the query reads every document: no index serves it, and no natural order is asked. */
  private synchronized boolean readsEveryDocument(
      Document query, Document orderBy, int skip, int limit) {
    if (idCondition(query) != null || naturalOrder(orderBy)) {
      return false;
    }
    for (Index<Object> index : getIndexes()) {
      if (index.canHandle(query)) {
        return false;
      }
    }
    return IndexRanges.cheapest(query, orderBy, skip, limit, orderedIndexes(), count()) == null;
  }

  /**
   * A read of every document in the collection's order, resumable: each call reads on from where
   * the last one stopped, {@value #SCAN_BATCH} documents at a time, holding the collection for each
   * of those only.
   */
  private final class Scan {
    private final Document query;
    private long toSkip;
    private long remaining;
    private Object after;
    private boolean done;

    Scan(Document query, long skip, long limit) {
      this.query = query;
      this.toSkip = skip;
      this.remaining = limit;
      log.debug("{}: no index serves {}: reading every document", getFullName(), query);
    }

    /** Up to {@code wanted} more matches; fewer only at the end. */
    List<Document> next(int wanted) {
      List<Document> matches = new ArrayList<>();
      while (!done && matches.size() < wanted) {
        synchronized (IndexedH2Collection.this) {
          Cursor<Object, Document> cursor = dataMap.cursor(after);
          int read = 0;
          while (read < SCAN_BATCH
              && matches.size() < wanted
              && remaining > 0
              && cursor.hasNext()) {
            Object key = cursor.next();
            if (key.equals(after)) {
              continue; // where the last batch ended
            }
            Document document = cursor.getValue();
            read++;
            after = key;
            if (!documentMatchesQuery(document, query)) {
              continue;
            }
            if (toSkip > 0) {
              toSkip--;
            } else {
              matches.add(document);
              remaining--;
            }
          }
          done = remaining == 0 || !cursor.hasNext();
          documentsRead.addAndGet(read);
        }
      }
      return matches;
    }

    /** How many more documents match, counted without keeping them. */
    long count() {
      long n = 0;
      while (!done) {
        n += next(SCAN_BATCH).size();
      }
      return n;
    }

    boolean done() {
      return done;
    }
  }

  /** The rest of a scan, read as the client asks for it. */
  private final class ScanCursor extends AbstractCursor {
    private final Scan scan;
    private final Document projection;

    ScanCursor(long id, Scan scan, Document projection) {
      super(id);
      this.scan = scan;
      this.projection = projection;
    }

    @Override
    public boolean isEmpty() {
      return scan.done();
    }

    @Override
    public List<Document> takeDocuments(int numberToReturn) {
      return project(scan.next(numberToReturn > 0 ? numberToReturn : NEXT_BATCH), projection);
    }
  }

  /**
   * The library's cursor, answering a request without a batch size with a batch, as MongoDB does.
   */
  private static final class PagedCursor extends InMemoryCursor {
    PagedCursor(long id, List<Document> remaining) {
      super(id, remaining);
    }

    @Override
    public List<Document> takeDocuments(int numberToReturn) {
      return super.takeDocuments(numberToReturn > 0 ? numberToReturn : NEXT_BATCH);
    }
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
    if (!naturalOrder(orderBy)) {
      IndexRanges ranges =
          IndexRanges.cheapest(query, orderBy, numberToSkip, limit, orderedIndexes(), count());
      if (ranges != null) {
        boolean ordered = orderBy != null && !orderBy.isEmpty();
        return matchDocumentsFromStream(
            documentsIn(ranges, ordered && ranges.sorted()),
            query,
            ranges.sorted() ? null : orderBy,
            numberToSkip,
            limit,
            batchSize,
            fieldSelector);
      }
    }
    return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
  }

  @Override
  public int count(Document query, int skip, int limit) {
    if (query == null || query.isEmpty()) {
      return super.count(query, skip, limit);
    }
    if (readsEveryDocument(query, null, 0, 0)) {
      return (int) new Scan(query, skip, limit > 0 ? limit : Long.MAX_VALUE).count();
    }
    return countThroughIndexes(query, skip, limit);
  }

  private synchronized int countThroughIndexes(Document query, int skip, int limit) {
    IndexRanges ranges =
        idCondition(query) != null
            ? null
            : IndexRanges.cheapest(query, null, 0, 0, orderedIndexes(), count());
    if (ranges == null) {
      return super.count(query, skip, limit);
    }
    long matches =
        ranges.exact()
            ? ranges.keys()
            : documentsIn(ranges, false)
                .filter(document -> documentMatchesQuery(document, query))
                .count();
    matches = Math.max(0, matches - skip);
    if (limit > 0) {
      matches = Math.min(matches, limit);
    }
    return (int) matches;
  }

  @Override
  protected Document getDocument(Object position) {
    documentsRead.incrementAndGet();
    return super.getDocument(position);
  }

  /** The library's read of every document, holding the collection (updates and deletes). */
  @Override
  protected QueryResult matchDocuments(
      Document query,
      Document orderBy,
      int numberToSkip,
      int limit,
      int batchSize,
      Document fieldSelector) {
    documentsRead.addAndGet(count());
    log.debug("{}: no index serves {}: reading every document at once", getFullName(), query);
    return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
  }

  /** How many documents queries, counts, updates and deletes have read so far. For tests. */
  long documentsRead() {
    return documentsRead.get();
  }

  private Stream<Document> documentsIn(IndexRanges ranges, boolean merge) {
    Iterator<Object> positions = ranges.positions(merge);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(positions, Spliterator.ORDERED), false)
        .map(this::getDocument)
        // a document removed since its key was read (a count does not hold the collection)
        .filter(Objects::nonNull);
  }

  private List<OrderedIndex> orderedIndexes() {
    List<OrderedIndex> ordered = new ArrayList<>();
    for (Index<Object> index : getIndexes()) {
      if (index instanceof OrderedIndex orderedIndex) {
        ordered.add(orderedIndex);
      }
    }
    return ordered;
  }

  private static boolean naturalOrder(Document orderBy) {
    return orderBy != null && orderBy.containsKey("$natural");
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
