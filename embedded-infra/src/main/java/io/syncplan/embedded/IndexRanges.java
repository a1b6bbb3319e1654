package io.syncplan.embedded;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import io.syncplan.embedded.IndexKeyType.Edge;
import io.syncplan.embedded.IndexKeyType.TypeBound;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Which key ranges of an {@link OrderedIndex} hold every document a query can select, as MongoDB's
 * query planner would read them: equalities (and {@code $in}) on the index's leading fields, then
 * at most one range ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}) on the next. The ranges
 * hold a superset of the matches (the caller applies the whole query to each document read); they
 * hold exactly the matches ({@link #exact()}) where the query has no other condition and every
 * document has one key in the index.
 *
 * <p>Read in the index's order, forwards or backwards, the documents come sorted as {@code orderBy}
 * asks where its fields, after those an equality fixes, are the index's next fields, all in the
 * index's directions or all reversed ({@link #sorted()}). Several ranges (an {@code $in}) are then
 * merged by those fields.
 *
 * @param index the index read
 * @param from the first key of each range, and {@code to} the last, both search keys
 * @param keys how many keys the ranges hold, counted in the index without reading them
 * @param sorted whether the documents come in the order asked for (or none was asked for)
 * @param reverse whether the index is read backwards for that order
 * @param exact whether the ranges hold exactly the documents the query selects
 * @param mergeFrom the first key field that orders the documents within the ranges
 */
record IndexRanges(
    OrderedIndex index,
    List<Object[]> from,
    List<Object[]> to,
    long keys,
    boolean sorted,
    boolean reverse,
    boolean exact,
    int mergeFrom) {

  /** An {@code $in} of more values than this, or ranges multiplying past it, are not planned. */
  private static final int MAX_RANGES = 256;

  private static final Set<String> RANGE_OPERATORS = Set.of("$gt", "$gte", "$lt", "$lte");

  /**
   * The cheapest ranges of the indexes for the query, or null where no index narrows the read or
   * gives its order. Cheapest: the fewest keys to read; where the order is given and the ranges are
   * exact, a limited read stops after {@code skip + limit}.
   */
  static IndexRanges cheapest(
      Document query,
      Document orderBy,
      int skip,
      int limit,
      Collection<OrderedIndex> indexes,
      long documents) {
    IndexRanges best = null;
    long bestCost = Long.MAX_VALUE;
    for (OrderedIndex index : indexes) {
      IndexRanges ranges = plan(index, query, orderBy, documents);
      if (ranges == null) {
        continue;
      }
      long cost = ranges.keys();
      if (ranges.sorted() && ranges.exact() && limit > 0) {
        cost = Math.min(cost, (long) skip + limit);
      }
      if (cost < bestCost || (cost == bestCost && ranges.sorted() && !best.sorted())) {
        best = ranges;
        bestCost = cost;
      }
    }
    return best;
  }

  private static IndexRanges plan(
      OrderedIndex index, Document query, Document orderBy, long documents) {
    List<String> fields = index.fields();
    List<List<Object>> equal = new ArrayList<>();
    Set<String> used = new HashSet<>();
    int field = 0;
    for (; field < fields.size(); field++) {
      List<Object> values = equalValues(query.get(fields.get(field)));
      if (values == null) {
        break;
      }
      equal.add(values);
      used.add(fields.get(field));
    }
    Object[] range = null;
    if (field < fields.size()) {
      range = rangeBounds(query.get(fields.get(field)));
      if (range != null) {
        used.add(fields.get(field));
      }
    }
    long combinations = 1;
    for (List<Object> values : equal) {
      combinations *= values.size();
      if (combinations > MAX_RANGES) {
        return null;
      }
    }
    // a field holding arrays sorts by its least or greatest element, which an index read does not
    Order order =
        index.holdsOneKeyPerDocument(documents) ? order(orderBy, fields, index, equal) : null;
    if (used.isEmpty() && (order == null || orderBy == null || orderBy.isEmpty())) {
      return null; // neither narrows nor orders the read
    }
    List<Object[]> from = new ArrayList<>();
    List<Object[]> to = new ArrayList<>();
    for (List<Object> values : combinations(equal)) {
      List<Object> prefix = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        prefix.add(index.keyValue(i, values.get(i)));
      }
      from.add(searchKey(index, prefix, range, field, true));
      to.add(searchKey(index, prefix, range, field, false));
    }
    long keys = 0;
    for (int i = 0; i < from.size(); i++) {
      keys += index.keysIn(from.get(i), to.get(i));
    }
    boolean exact = used.size() == query.size() && index.holdsOneKeyPerDocument(documents);
    return new IndexRanges(
        index,
        from,
        to,
        keys,
        order != null,
        order != null && order.reverse(),
        exact,
        equal.size());
  }

  /** The values an equality or an {@code $in} of scalars fixes the field to, sorted, unique. */
  private static List<Object> equalValues(Object condition) {
    List<Object> values = new ArrayList<>();
    if (IndexKeyType.isScalar(condition)) {
      values.add(condition);
    } else if (condition instanceof Document operators && operators.size() == 1) {
      Object eq = operators.get("$eq");
      Object in = operators.get("$in");
      if (IndexKeyType.isScalar(eq)) {
        values.add(eq);
      } else if (in instanceof Collection<?> list && !list.isEmpty() && list.size() <= MAX_RANGES) {
        for (Object value : list) {
          if (!IndexKeyType.isScalar(value)) {
            return null;
          }
          values.add(value);
        }
      } else {
        return null;
      }
    } else {
      return null;
    }
    values.sort(ValueComparator.asc());
    List<Object> unique = new ArrayList<>();
    for (Object value : values) {
      if (unique.isEmpty()
          || ValueComparator.asc().compare(unique.get(unique.size() - 1), value) != 0) {
        unique.add(value);
      }
    }
    return unique;
  }

  /**
   * {@code [lower, lowerInclusive, upper, upperInclusive]} of a condition made only of comparison
   * operators on scalars; a side without a bound is bounded by the other side's type. Null where
   * the condition is anything else.
   */
  private static Object[] rangeBounds(Object condition) {
    if (!(condition instanceof Document operators)
        || operators.isEmpty()
        || !RANGE_OPERATORS.containsAll(operators.keySet())) {
      return null;
    }
    Object lower = null;
    Object upper = null;
    boolean lowerInclusive = false;
    boolean upperInclusive = false;
    for (Map.Entry<String, Object> operator : operators.entrySet()) {
      Object value = operator.getValue();
      if (!IndexKeyType.isScalar(value)) {
        return null;
      }
      switch (operator.getKey()) {
        case "$gt", "$gte" -> {
          if (lower != null) {
            return null;
          }
          lower = value;
          lowerInclusive = operator.getKey().equals("$gte");
        }
        default -> {
          if (upper != null) {
            return null;
          }
          upper = value;
          upperInclusive = operator.getKey().equals("$lte");
        }
      }
    }
    if (lower != null && upper != null && !IndexKeyType.comparable(lower, upper)) {
      return null; // no value is both: MongoDB compares within one type
    }
    return new Object[] {
      lower != null ? lower : new TypeBound(upper, false),
      lowerInclusive,
      upper != null ? upper : new TypeBound(lower, true),
      upperInclusive
    };
  }

  /**
   * The key that starts ({@code first}) or ends the range of one prefix of equal values: then the
   * range's bound on the next field, or the edge of the prefix. In a descending field the upper
   * bound comes first in the map.
   */
  private static Object[] searchKey(
      OrderedIndex index, List<Object> prefix, Object[] range, int field, boolean first) {
    List<Object> key = new ArrayList<>(prefix);
    if (range == null) {
      key.add(first ? Edge.FIRST : Edge.LAST);
    } else {
      boolean lowerSide = first == index.getKeys().get(field).isAscending();
      Object bound = lowerSide ? range[0] : range[2];
      boolean inclusive = (Boolean) (lowerSide ? range[1] : range[3]);
      key.add(index.keyValue(field, bound));
      key.add(first == inclusive ? Edge.FIRST : Edge.LAST);
    }
    return key.toArray();
  }

  private static List<List<Object>> combinations(List<List<Object>> equal) {
    List<List<Object>> prefixes = new ArrayList<>();
    prefixes.add(List.of());
    for (List<Object> values : equal) {
      List<List<Object>> longer = new ArrayList<>();
      for (List<Object> prefix : prefixes) {
        for (Object value : values) {
          List<Object> next = new ArrayList<>(prefix);
          next.add(value);
          longer.add(next);
        }
      }
      prefixes = longer;
    }
    return prefixes;
  }

  private record Order(boolean reverse) {}

  /**
   * How the index gives the order asked for: forwards, backwards, or (null) not at all. The sort's
   * fields that an equality fixes to one value are left out; the rest must be the index's fields
   * after the equalities, in order, all in the index's directions or all reversed.
   */
  private static Order order(
      Document orderBy, List<String> fields, OrderedIndex index, List<List<Object>> equal) {
    if (orderBy == null || orderBy.isEmpty()) {
      return new Order(false);
    }
    List<Map.Entry<String, Object>> sort = new ArrayList<>();
    for (Map.Entry<String, Object> entry : orderBy.entrySet()) {
      int at = fields.indexOf(entry.getKey());
      if (at >= 0 && at < equal.size() && equal.get(at).size() == 1) {
        continue;
      }
      sort.add(entry);
    }
    Boolean reverse = null;
    for (int i = 0; i < sort.size(); i++) {
      int at = equal.size() + i;
      if (at >= fields.size()
          || !fields.get(at).equals(sort.get(i).getKey())
          || !(sort.get(i).getValue() instanceof Number direction)) {
        return null;
      }
      boolean same = (direction.doubleValue() > 0) == index.getKeys().get(at).isAscending();
      if (reverse != null && reverse == same) {
        return null;
      }
      reverse = !same;
    }
    return new Order(reverse != null && reverse);
  }

  /**
   * The positions of the documents in the ranges, each once, in the order asked for: ranges read
   * one after the other where one is enough or no order was asked for, merged otherwise.
   */
  Iterator<Object> positions(boolean merge) {
    List<Iterator<Object[]>> reads = new ArrayList<>();
    for (int i = 0; i < from.size(); i++) {
      reads.add(
          reverse
              ? index.keys(to.get(i), from.get(i), true)
              : index.keys(from.get(i), to.get(i), false));
    }
    Iterator<Object[]> keys =
        merge && reads.size() > 1 ? merged(reads) : new Concatenated(reads.iterator());
    return new Iterator<>() {
      private final Set<Object> seen = new HashSet<>();
      private Object next;

      @Override
      public boolean hasNext() {
        while (next == null && keys.hasNext()) {
          Object[] key = keys.next();
          Object position = key[key.length - 1];
          if (seen.add(position)) {
            next = position;
          }
        }
        return next != null;
      }

      @Override
      public Object next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Object position = next;
        next = null;
        return position;
      }
    };
  }

  private Iterator<Object[]> merged(List<Iterator<Object[]>> reads) {
    Comparator<Object[]> byOrder = (a, b) -> index.compareFrom(a, b, mergeFrom);
    Comparator<Object[]> inReadOrder = reverse ? byOrder.reversed() : byOrder;
    PriorityQueue<Head> heads =
        new PriorityQueue<>((a, b) -> inReadOrder.compare(a.key(), b.key()));
    for (Iterator<Object[]> read : reads) {
      if (read.hasNext()) {
        heads.add(new Head(read.next(), read));
      }
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !heads.isEmpty();
      }

      @Override
      public Object[] next() {
        Head head = heads.remove();
        if (head.rest().hasNext()) {
          heads.add(new Head(head.rest().next(), head.rest()));
        }
        return head.key();
      }
    };
  }

  private record Head(Object[] key, Iterator<Object[]> rest) {}

  private static final class Concatenated implements Iterator<Object[]> {
    private final Iterator<Iterator<Object[]>> reads;
    private Iterator<Object[]> current = java.util.Collections.emptyIterator();

    Concatenated(Iterator<Iterator<Object[]>> reads) {
      this.reads = reads;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && reads.hasNext()) {
        current = reads.next();
      }
      return current.hasNext();
    }

    @Override
    public Object[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }
}
