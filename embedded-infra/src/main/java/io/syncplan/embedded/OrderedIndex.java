package io.syncplan.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * An index that is not unique, kept in the store file beside its collection: one key per document
 * (one per element where a field holds an array), the indexed values in the index's order followed
 * by the document's position. mongo-java-server keeps no such index (it logs "not yet implemented"
 * and reads every document instead); {@link IndexedH2Collection} reads ranges of this one ({@link
 * IndexRanges}). Written in the same store commit as the document, so it never disagrees with the
 * collection after a crash.
 */
final class OrderedIndex extends Index<Object> {

  /** The infix of an index's map name: the collection's namespace, the infix, the index's name. */
  private static final String MAP_INFIX = "._ordered_";

  private final MVMap<Object[], Boolean> map;

  private OrderedIndex(
      String name, List<IndexKey> keys, boolean sparse, MVMap<Object[], Boolean> map) {
    super(name, keys, sparse);
    this.map = map;
  }

  /** Opens the index's map in the store, creating it (empty) where it is not there yet. */
  static OrderedIndex open(
      MVStore store, String namespace, String name, List<IndexKey> keys, boolean sparse) {
    return new OrderedIndex(name, keys, sparse, openMap(store, mapName(namespace, name)));
  }

  static String mapName(String namespace, String name) {
    return namespace + MAP_INFIX + name;
  }

  /** Whether the store's map of that name holds an index of this kind. */
  static boolean isIndexMap(String mapName) {
    return mapName.contains(MAP_INFIX);
  }

  /** Opens such a map, with the type of its keys (once opened, the store keeps the map). */
  static MVMap<Object[], Boolean> openMap(MVStore store, String mapName) {
    return store.openMap(
        mapName, new MVMap.Builder<Object[], Boolean>().keyType(IndexKeyType.INSTANCE));
  }

  /** A value of the index's i-th field as its keys hold it (descending fields the other way). */
  Object keyValue(int field, Object value) {
    return getKeys().get(field).isAscending() ? value : new IndexKeyType.Descending(value);
  }

  List<String> fields() {
    return keys();
  }

  /**
   * True where every one of the collection's documents has exactly one key here: none holds an
   * array in an indexed field, and the index leaves none out.
   */
  boolean holdsOneKeyPerDocument(long documents) {
    return !isSparse() && getCount() == documents;
  }

  /** How many keys lie in the range, in {@code O(log n)}, without reading them. */
  long keysIn(Object[] from, Object[] to) {
    return insertionPoint(to) - insertionPoint(from);
  }

  private long insertionPoint(Object[] searchKey) {
    long index = map.getKeyIndex(searchKey);
    // a search key ends in a bound, so it is never in the map: the answer is -(insertion point) - 1
    return -index - 1;
  }

  /**
   * The keys from {@code from} to {@code to}, both search keys: forwards, or backwards ({@code
   * reverse}, {@code from} then being the later one).
   */
  Iterator<Object[]> keys(Object[] from, Object[] to, boolean reverse) {
    return map.cursor(from, to, reverse);
  }

  /** Every key, in the index's order. */
  Iterator<Object[]> allKeys() {
    return map.keyIterator(null);
  }

  /** The value of the i-th field in a key of this index, as the document holds it. */
  Object fieldValue(Object[] key, int field) {
    return key[field] instanceof IndexKeyType.Descending descending
        ? descending.value()
        : key[field];
  }

  /** Orders two keys of this index by their fields from {@code start} on, as the map does. */
  int compareFrom(Object[] a, Object[] b, int start) {
    return IndexKeyType.INSTANCE.compareFrom(a, b, start);
  }

  /** The keys of a document in the index, or none where a sparse index leaves it out. */
  private List<Object[]> keysOf(Document document, Object position) {
    List<Object[]> keys = new ArrayList<>();
    for (KeyValue values : getKeyValues(document)) {
      if (isSparse() && allNull(values)) {
        continue;
      }
      Object[] key = new Object[values.size() + 1];
      for (int i = 0; i < values.size(); i++) {
        key[i] = keyValue(i, values.get(i));
      }
      key[values.size()] = position;
      keys.add(key);
    }
    return keys;
  }

  private static boolean allNull(KeyValue values) {
    for (Object value : values) {
      if (value != null) {
        return false;
      }
    }
    return true;
  }

  private static Object positionOf(Document document) {
    return document.get("_id");
  }

  @Override
  public Object getPosition(Document document) {
    // not unique: a document is found through its _id index
    return null;
  }

  @Override
  public void checkAdd(Document document, MongoCollection<Object> collection) {
    getKeyValues(document); // refuses parallel arrays, as MongoDB does
  }

  @Override
  public void add(Document document, Object position, MongoCollection<Object> collection) {
    for (Object[] key : keysOf(document, position)) {
      map.put(key, Boolean.TRUE);
    }
  }

  @Override
  public Object remove(Document document) {
    Object position = positionOf(document);
    for (Object[] key : keysOf(document, position)) {
      map.remove(key);
    }
    return position;
  }

  @Override
  public boolean canHandle(Document query) {
    // mongo-java-server's own lookup reads unique indexes by equality only; IndexedH2Collection
    // reads this one
    return false;
  }

  @Override
  public Iterable<Object> getPositions(Document query) {
    throw new UnsupportedOperationException("read through IndexRanges");
  }

  @Override
  public long getCount() {
    return map.sizeAsLong();
  }

  @Override
  public boolean isEmpty() {
    return map.isEmpty();
  }

  @Override
  public long getDataSize() {
    return getCount();
  }

  @Override
  public void checkUpdate(
      Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
    getKeyValues(newDocument);
  }

  @Override
  public void updateInPlace(
      Document oldDocument,
      Document newDocument,
      Object position,
      MongoCollection<Object> collection) {
    if (nullAwareEqualsKeys(oldDocument, newDocument)) {
      return;
    }
    for (Object[] key : keysOf(oldDocument, position)) {
      map.remove(key);
    }
    add(newDocument, position, collection);
  }

  @Override
  public void drop() {
    map.clear();
  }
}
