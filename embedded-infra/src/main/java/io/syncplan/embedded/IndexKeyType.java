package io.syncplan.embedded;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of an {@link OrderedIndex} in its H2 map: the indexed fields' values in the index's
 * order, then the document's position, compared field by field as MongoDB sorts
 * (mongo-java-server's {@link ValueComparator}). The value of a descending field is held {@link
 * Descending}, so the type needs nothing but the keys: the store's check at start reads an index
 * before anything says how it is ordered. A key used only to search the map may hold an {@link
 * Edge} (before or after every stored key from there on) or a {@link TypeBound} (before or after
 * every value of one type): neither is ever stored.
 */
final class IndexKeyType extends BasicDataType<Object[]> {

  static final IndexKeyType INSTANCE = new IndexKeyType();

  /** The value of a field the index orders descending: it compares the other way round. */
  record Descending(Object value) {}

  /** Where a search key stops naming values: before or after every stored key with its prefix. */
  enum Edge {
    FIRST,
    LAST
  }

  /**
   * Before ({@code max} false) or after every value that MongoDB compares with {@code sample}: how
   * a range open on one side stays within the type of its bound, as {@code $gt} and {@code $lt} do.
   */
  record TypeBound(Object sample, boolean max) {

    int compareTo(Object value) {
      if (comparable(sample, value)) {
        return max ? 1 : -1;
      }
      return ValueComparator.asc().compare(sample, value);
    }
  }

  private static final byte OTHER = 0;
  private static final byte INSTANT = 1;
  private static final byte DESCENDING = 2;

  private final ObjectDataType values = new ObjectDataType();

  private IndexKeyType() {}

  /**
   * True where MongoDB's comparison operators compare the two (numbers with numbers, otherwise the
   * same type), as mongo-java-server's query matcher decides.
   */
  static boolean comparable(Object a, Object b) {
    if (a instanceof Number && b instanceof Number) {
      return true;
    }
    return a != null && b != null && a.getClass() == b.getClass();
  }

  /** The values an index orders by that a search bound may be: scalars of a single type. */
  static boolean isScalar(Object value) {
    return value instanceof String
        || value instanceof Number
        || value instanceof Instant
        || value instanceof Boolean
        || value instanceof ObjectId
        || value instanceof UUID;
  }

  @Override
  public int compare(Object[] a, Object[] b) {
    return compareFrom(a, b, 0);
  }

  /** Orders two keys by their fields from {@code start} on. */
  int compareFrom(Object[] a, Object[] b, int start) {
    int length = Math.min(a.length, b.length);
    for (int i = start; i < length; i++) {
      int order = compareAt(a[i], b[i]);
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  private static int compareAt(Object a, Object b) {
    if (a instanceof Edge edge) {
      return b instanceof Edge other ? edge.compareTo(other) : edge == Edge.FIRST ? -1 : 1;
    }
    if (b instanceof Edge edge) {
      return edge == Edge.FIRST ? 1 : -1;
    }
    if (a instanceof Descending first && b instanceof Descending second) {
      return -compareValues(first.value(), second.value());
    }
    return compareValues(a, b);
  }

  private static int compareValues(Object a, Object b) {
    int order;
    if (a instanceof TypeBound bound) {
      order = bound.compareTo(b);
    } else if (b instanceof TypeBound bound) {
      order = -bound.compareTo(a);
    } else {
      order = ValueComparator.asc().compare(a, b);
    }
    return order;
  }

  @Override
  public int getMemory(Object[] key) {
    int memory = 24 + 8 * key.length;
    for (Object value : key) {
      Object plain = value instanceof Descending descending ? descending.value() : value;
      memory += plain instanceof String text ? 48 + 2 * text.length() : 24;
    }
    return memory;
  }

  @Override
  public void write(WriteBuffer buffer, Object[] key) {
    buffer.putVarInt(key.length);
    for (Object value : key) {
      if (value instanceof Descending descending) {
        buffer.put(DESCENDING);
        writeValue(buffer, descending.value(), key);
      } else {
        writeValue(buffer, value, key);
      }
    }
  }

  private void writeValue(WriteBuffer buffer, Object value, Object[] key) {
    if (value instanceof Instant instant) {
      buffer.put(INSTANT).putLong(instant.getEpochSecond()).putInt(instant.getNano());
    } else if (value instanceof Edge || value instanceof TypeBound) {
      throw new IllegalArgumentException("a search bound is never stored: " + List.of(key));
    } else {
      buffer.put(OTHER);
      values.write(buffer, value);
    }
  }

  @Override
  public Object[] read(ByteBuffer buffer) {
    Object[] key = new Object[org.h2.mvstore.DataUtils.readVarInt(buffer)];
    for (int i = 0; i < key.length; i++) {
      byte tag = buffer.get();
      key[i] =
          tag == DESCENDING
              ? new Descending(readValue(buffer, buffer.get()))
              : readValue(buffer, tag);
    }
    return key;
  }

  private Object readValue(ByteBuffer buffer, byte tag) {
    return tag == INSTANT
        ? Instant.ofEpochSecond(buffer.getLong(), buffer.getInt())
        : values.read(buffer);
  }

  @Override
  public Object[][] createStorage(int size) {
    return new Object[size][];
  }
}
