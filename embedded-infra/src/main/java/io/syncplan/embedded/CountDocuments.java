package io.syncplan.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoDatabase;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * The aggregation a MongoDB driver sends for {@code countDocuments} ({@code $match}, an optional
 * {@code $skip} and {@code $limit}, then {@code $group} on a constant with one {@code $sum: 1}),
 * answered by the collection's count. mongo-java-server runs every aggregation over the whole
 * collection, collected in memory before its first stage: a page's total of a million runs read and
 * held every run (docs/benchmarks.md, "A million stored runs"). The collection's count reads
 * through its indexes ({@link IndexedH2Collection}). The answer is the one the aggregation gives:
 * one document {@code {_id: <the constant>, <field>: n}}, or none where nothing matches.
 */
final class CountDocuments {

  private CountDocuments() {}

  /** The answer to the {@code aggregate} command, or null where it is not a count. */
  static Document answer(AbstractMongoDatabase<Object> database, Document command) {
    if (!(command.get("aggregate") instanceof String collectionName)
        || !(command.get("pipeline") instanceof List<?> pipeline)
        || pipeline.size() < 2
        || !(stage(pipeline.get(0), "$match") instanceof Document match)
        || !(stage(pipeline.get(pipeline.size() - 1), "$group") instanceof Document group)) {
      return null;
    }
    int skip = 0;
    int limit = 0;
    for (Object middle : pipeline.subList(1, pipeline.size() - 1)) {
      if (stage(middle, "$skip") instanceof Number number && skip == 0 && limit == 0) {
        skip = number.intValue();
      } else if (stage(middle, "$limit") instanceof Number number && limit == 0) {
        limit = number.intValue();
      } else {
        return null;
      }
    }
    String field = countField(group);
    if (field == null || skip < 0 || limit < 0) {
      return null;
    }
    MongoCollection<Object> collection = database.resolveCollection(collectionName, false);
    int count = collection == null ? 0 : collection.count(match, skip, limit);
    List<Document> batch =
        count == 0
            ? List.of()
            : List.of(new Document("_id", group.get("_id")).append(field, count));
    return answerWith(database, collectionName, batch);
  }

  /** An {@code aggregate} command's answer holding every document of its result. */
  static Document answerWith(
      AbstractMongoDatabase<Object> database, String collectionName, List<Document> result) {
    Document cursor =
        new Document("id", 0L)
            .append("ns", ((MongoDatabase) database).getDatabaseName() + "." + collectionName)
            .append("firstBatch", result);
    return new Document("cursor", cursor).append("ok", 1.0);
  }

  /** Whether a {@code $group} accumulator adds 1 for each document: {@code {$sum: 1}}. */
  static boolean countsOne(Object accumulator) {
    return accumulator instanceof Document sum
        && sum.size() == 1
        && sum.get("$sum") instanceof Number one
        && one.doubleValue() == 1;
  }

  private static Object stage(Object stage, String name) {
    return stage instanceof Document document && document.size() == 1 ? document.get(name) : null;
  }

  /**
   * The field a {@code $group} counts into where it groups everything into one constant key and
   * sums 1 for each document: {@code {_id: 1, n: {$sum: 1}}}. Null where it does anything else.
   */
  private static String countField(Document group) {
    Object key = group.get("_id");
    boolean constant =
        group.containsKey("_id")
            && (key == null
                || key instanceof Number
                || (key instanceof String text && !text.startsWith("$")));
    if (!constant || group.size() != 2) {
      return null;
    }
    for (String field : group.keySet()) {
      if (!field.equals("_id") && countsOne(group.get(field))) {
        return field;
      }
    }
    return null;
  }
}
