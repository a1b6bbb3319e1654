package io.syncplan.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractMongoDatabase;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * An aggregation that starts by counting the documents of each value of a field ({@code {$group:
 * {_id: "$planId", runs: {$sum: 1}}}}, how run retention finds the plans with too many runs),
 * answered from an {@link OrderedIndex} that leads with that field: its keys are walked, no
 * document is read. mongo-java-server runs every aggregation over the whole collection collected in
 * memory, which at a million runs was more than the stack's heap. The later stages run on the
 * counts as the library runs them.
 */
final class GroupCounts {

  private GroupCounts() {}

  /** The answer to the {@code aggregate} command, or null where it does not start so. */
  static Document answer(
      AbstractMongoDatabase<Object> database,
      Document command,
      DatabaseResolver databaseResolver,
      Oplog oplog) {
    if (!(command.get("aggregate") instanceof String collectionName)
        || !(command.get("pipeline") instanceof List<?> pipeline)
        || pipeline.isEmpty()
        || !(pipeline.get(0) instanceof Document first)
        || first.size() != 1
        || !(first.get("$group") instanceof Document group)
        || !(group.get("_id") instanceof String key)
        || !key.startsWith("$")
        || key.length() < 2
        || countFields(group) == null) {
      return null;
    }
    List<String> fields = countFields(group);
    MongoCollection<Object> collection = database.resolveCollection(collectionName, false);
    if (!(collection instanceof IndexedH2Collection indexed)) {
      return null;
    }
    OrderedIndex index = leadingWith(indexed, key.substring(1));
    if (index == null) {
      return null;
    }
    List<Document> counts = new ArrayList<>();
    Iterator<Object[]> keys = index.allKeys();
    Object current = null;
    long n = 0;
    while (keys.hasNext()) {
      Object value = index.fieldValue(keys.next(), 0);
      if (n > 0 && ValueComparator.asc().compare(current, value) != 0) {
        counts.add(count(current, n, fields));
        n = 0;
      }
      current = value;
      n++;
    }
    if (n > 0) {
      counts.add(count(current, n, fields));
    }
    List<Document> rest = new ArrayList<>();
    for (Object stage : pipeline.subList(1, pipeline.size())) {
      rest.add((Document) stage);
    }
    List<Document> result =
        Aggregation.fromPipeline(rest, databaseResolver, database, collection, oplog)
            .runStages(counts.stream());
    return CountDocuments.answerWith(database, collectionName, result);
  }

  /** An index whose first field is the one grouped by and that holds each document once. */
  private static OrderedIndex leadingWith(IndexedH2Collection collection, String field) {
    for (Index<Object> index : collection.getIndexes()) {
      if (index instanceof OrderedIndex ordered
          && ordered.fields().get(0).equals(field)
          && ordered.holdsOneKeyPerDocument(collection.count())) {
        return ordered;
      }
    }
    return null;
  }

  /** The fields of a {@code $group} besides {@code _id}, where every one is {@code {$sum: 1}}. */
  private static List<String> countFields(Document group) {
    List<String> fields = new ArrayList<>();
    for (String field : group.keySet()) {
      if (field.equals("_id")) {
        continue;
      }
      if (!CountDocuments.countsOne(group.get(field))) {
        return null;
      }
      fields.add(field);
    }
    return fields.isEmpty() ? null : fields;
  }

  private static Document count(Object value, long n, List<String> fields) {
    Document count = new Document("_id", value);
    Object number = n <= Integer.MAX_VALUE ? (Object) (int) n : (Object) n;
    for (String field : fields) {
      count.put(field, number);
    }
    return count;
  }
}
