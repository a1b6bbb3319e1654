package io.syncplan.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's indexes that are not unique ({@link OrderedIndex}, read by {@link
 * IndexedH2Collection} and {@link CountDocuments}) select, order and count exactly what reading
 * every document selects: the same random data in a collection with the indexes and one without,
 * over the wire protocol, compared under random queries, sorts, pages and counts, after updates and
 * deletes, and after a restart.
 */
class OrderedIndexTest {

  private static final List<String> STATUSES =
      List.of("ACCEPTED", "QUEUED", "RUNNING", "SUCCEEDED", "FAILED");
  private static final Instant EPOCH = Instant.parse("2026-11-01T00:00:00Z");

  private static final List<Document> INDEXES =
      List.of(
          new Document("planId", 1).append("requestedAt", -1).append("_id", 1),
          new Document("status", 1).append("requestedAt", -1).append("_id", 1),
          new Document("requestedAt", -1).append("_id", 1),
          new Document("status", 1).append("updatedAt", 1),
          new Document("n", 1));

  private static final List<Document> SORTS =
      List.of(
          new Document(),
          new Document("requestedAt", -1).append("_id", 1),
          new Document("requestedAt", 1).append("_id", -1),
          new Document("updatedAt", 1).append("_id", 1),
          new Document("status", 1).append("requestedAt", -1).append("_id", 1),
          new Document("n", -1).append("_id", 1),
          new Document("_id", 1));

  @TempDir Path dir;

  @Test
  void indexedReadsSelectOrderAndCountWhatReadingEveryDocumentDoes() {
    Random random = new Random(17);
    Path file = dir.resolve("mongo.mv");
    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase db = client.getDatabase("db");
      MongoCollection<Document> indexed = db.getCollection("indexed");
      MongoCollection<Document> plain = db.getCollection("plain");
      INDEXES.forEach(index -> indexed.createIndex(index, new IndexOptions()));
      for (int i = 0; i < 800; i++) {
        Document run = run(random, i, false);
        indexed.insertOne(run);
        plain.insertOne(new Document(run));
      }
      compareUnderRandomQueries(random, indexed, plain, 300);

      for (int i = 0; i < 150; i++) {
        Document change = new Document("$set", new Document("status", pick(random, STATUSES)));
        if (random.nextBoolean()) {
          change.get("$set", Document.class).append("updatedAt", instant(random));
        }
        Document which = new Document("_id", "r" + random.nextInt(800));
        indexed.updateOne(which, change);
        plain.updateOne(which, change);
      }
      Document someFailed =
          new Document("status", "FAILED")
              .append("requestedAt", new Document("$lt", instant(random)));
      assertThat(indexed.deleteMany(someFailed).getDeletedCount())
          .isEqualTo(plain.deleteMany(someFailed).getDeletedCount());
      compareUnderRandomQueries(random, indexed, plain, 300);

      // how run retention finds the plans with too many runs
      List<Document> crowded =
          List.of(
              new Document("$group", new Document("_id", "$planId").append("runs", sumOfOnes())),
              new Document("$match", new Document("runs", new Document("$gt", 30))));
      List<Document> fromIndex = indexed.aggregate(crowded).into(new ArrayList<>());
      assertThat(fromIndex)
          .isNotEmpty()
          .containsExactlyInAnyOrderElementsOf(plain.aggregate(crowded).into(new ArrayList<>()));
    }

    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase db = client.getDatabase("db");
      compareUnderRandomQueries(
          random, db.getCollection("indexed"), db.getCollection("plain"), 300);
    }
  }

  /**
   * Arrays in an indexed field (a key per element), values of other types and fields missing or
   * null: counts can no longer be read from the keys, and still come out right.
   */
  @Test
  void arraysMixedTypesAndMissingFieldsSelectTheSameDocuments() {
    Random random = new Random(23);
    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(dir.resolve("mongo.mv"), "127.0.0.1", 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase db = client.getDatabase("db");
      MongoCollection<Document> indexed = db.getCollection("indexed");
      MongoCollection<Document> plain = db.getCollection("plain");
      for (int i = 0; i < 600; i++) {
        Document run = run(random, i, true);
        indexed.insertOne(run);
        plain.insertOne(new Document(run));
      }
      // built from the documents already there
      INDEXES.forEach(index -> indexed.createIndex(index, new IndexOptions()));
      compareUnderRandomQueries(random, indexed, plain, 400);
    }
  }

  /**
   * The reads the run history lists make (plan-service's RunService) read their page through the
   * index, and their totals read no document at all; a query no index serves reads them all.
   */
  @Test
  void aPageOfRunsReadsOnlyItsDocumentsAndItsTotalReadsNone() {
    Random random = new Random(5);
    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(dir.resolve("mongo.mv"), "127.0.0.1", 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> runs = client.getDatabase("db").getCollection("runs");
      INDEXES.forEach(index -> runs.createIndex(index, new IndexOptions()));
      List<Document> all = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        all.add(run(random, i, false));
      }
      runs.insertMany(all);
      Document newestFirst = new Document("requestedAt", -1).append("_id", 1);
      Document failedSince =
          new Document("status", new Document("$in", List.of("FAILED")))
              .append("requestedAt", new Document("$gte", instant(random)));

      long before = mongo.documentsRead("db", "runs");
      assertThat(ids(runs.find(new Document("planId", "p3")).sort(newestFirst).limit(20)))
          .hasSize(20);
      assertThat(mongo.documentsRead("db", "runs") - before).isEqualTo(20);

      before = mongo.documentsRead("db", "runs");
      assertThat(ids(runs.find(failedSince).sort(newestFirst).skip(10).limit(10))).hasSize(10);
      assertThat(runs.countDocuments(failedSince)).isGreaterThan(20);
      assertThat(runs.countDocuments(new Document("planId", "p3"))).isGreaterThan(20);
      assertThat(mongo.documentsRead("db", "runs") - before).isEqualTo(20);

      before = mongo.documentsRead("db", "runs");
      runs.countDocuments(new Document("planId", "p3").append("dryRun", new Document("$ne", true)));
      long planRuns = runs.countDocuments(new Document("planId", "p3"));
      assertThat(mongo.documentsRead("db", "runs") - before).isEqualTo(planRuns);

      before = mongo.documentsRead("db", "runs");
      List<Document> perPlan =
          runs.aggregate(
                  List.of(
                      new Document(
                          "$group", new Document("_id", "$planId").append("runs", sumOfOnes()))))
              .into(new ArrayList<>());
      assertThat(perPlan).hasSize(25);
      assertThat(perPlan.stream().mapToInt(plan -> plan.getInteger("runs")).sum()).isEqualTo(5_000);
      assertThat(mongo.documentsRead("db", "runs") - before).isZero();

      before = mongo.documentsRead("db", "runs");
      runs.countDocuments(new Document("dryRun", new Document("$ne", true)));
      assertThat(mongo.documentsRead("db", "runs") - before).isEqualTo(5_000);

      // every match of an update or a delete is reached, however many (a find answers in batches)
      Document many = new Document("n", new Document("$lt", 30));
      long matching = all.stream().filter(run -> run.getInteger("n") < 30).count();
      assertThat(matching).isGreaterThan(1_000);
      assertThat(
              runs.updateMany(many, new Document("$set", new Document("dryRun", false)))
                  .getModifiedCount())
          .isEqualTo(matching);
      Document unindexedMany = new Document("dryRun", false);
      assertThat(runs.deleteMany(unindexedMany).getDeletedCount()).isEqualTo(matching);
      assertThat(runs.countDocuments()).isEqualTo(5_000 - matching);
      all.removeIf(run -> run.getInteger("n") < 30);

      // no index serves it: read in batches of 1,000, answered in batches of 101 and more
      Date since = Date.from(EPOCH.plusSeconds(5 * 86_400));
      before = mongo.documentsRead("db", "runs");
      assertThat(ids(runs.find(new Document("updatedAt", new Document("$gte", since)))))
          .hasSizeGreaterThan(1_000)
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(
              all.stream()
                  .filter(run -> !run.getDate("updatedAt").before(since))
                  .map(run -> run.getString("_id"))
                  .toList());
      assertThat(mongo.documentsRead("db", "runs") - before).isEqualTo(all.size());
    }
  }

  private static Document sumOfOnes() {
    return new Document("$sum", 1);
  }

  private static Document run(Random random, int i, boolean untidy) {
    Document run =
        new Document("_id", "r" + i)
            .append("planId", "p" + random.nextInt(25))
            .append("status", pick(random, STATUSES))
            .append("requestedAt", instant(random))
            .append("updatedAt", instant(random))
            .append("n", random.nextInt(40));
    if (untidy) {
      switch (random.nextInt(8)) {
        case 0 -> run.remove("requestedAt");
        case 1 -> run.put("requestedAt", null);
        case 2 -> run.put("status", List.of(pick(random, STATUSES), pick(random, STATUSES)));
        case 3 -> run.put("n", random.nextInt(40) + 0.5);
        case 4 -> run.put("n", "text" + random.nextInt(5));
        case 5 -> run.put("n", (long) random.nextInt(40));
        case 6 -> run.put("planId", List.of("p" + random.nextInt(25)));
        default -> {}
      }
    }
    return run;
  }

  private static void compareUnderRandomQueries(
      Random random, MongoCollection<Document> indexed, MongoCollection<Document> plain, int n) {
    for (int i = 0; i < n; i++) {
      Document query = query(random);
      Document sort = pick(random, SORTS);
      int skip = random.nextInt(4) == 0 ? random.nextInt(30) : 0;
      int limit = random.nextBoolean() ? 1 + random.nextInt(40) : 0;
      String what = query.toJson() + " sort " + sort.toJson() + " skip " + skip + " limit " + limit;
      List<String> found = ids(indexed.find(query).sort(sort).skip(skip).limit(limit));
      if (sort.isEmpty()) {
        // no order asked for: any order, and any page of the matches, is right
        List<String> all = ids(plain.find(query));
        assertThat(all).as(what).containsAll(found);
        assertThat(found)
            .as(what)
            .doesNotHaveDuplicates()
            .hasSize(ids(plain.find(query).skip(skip).limit(limit)).size());
      } else {
        assertThat(found)
            .as(what)
            .isEqualTo(ids(plain.find(query).sort(sort).skip(skip).limit(limit)));
      }
      assertThat(indexed.countDocuments(query)).as(what).isEqualTo(plain.countDocuments(query));
    }
  }

  private static List<String> ids(FindIterable<Document> found) {
    List<String> ids = new ArrayList<>();
    found.forEach(document -> ids.add(document.getString("_id")));
    return ids;
  }

  private static Document query(Random random) {
    Document query = new Document();
    if (random.nextInt(3) == 0) {
      query.append("planId", "p" + random.nextInt(25));
    }
    switch (random.nextInt(4)) {
      case 0 -> query.append("status", pick(random, STATUSES));
      case 1 ->
          query.append(
              "status",
              new Document(
                  "$in",
                  List.of(pick(random, STATUSES), pick(random, STATUSES), pick(random, STATUSES))));
      case 2 -> query.append("status", new Document("$eq", pick(random, STATUSES)));
      default -> {}
    }
    switch (random.nextInt(5)) {
      case 0 -> query.append("requestedAt", new Document("$gte", instant(random)));
      case 1 -> query.append("requestedAt", new Document("$lt", instant(random)));
      case 2 -> {
        Date a = instant(random);
        query.append(
            "requestedAt",
            new Document(random.nextBoolean() ? "$gt" : "$gte", a)
                .append(
                    random.nextBoolean() ? "$lt" : "$lte",
                    Date.from(a.toInstant().plusSeconds(86_400 * 5))));
      }
      default -> {}
    }
    switch (random.nextInt(6)) {
      case 0 -> query.append("n", new Document("$gt", random.nextInt(40)));
      case 1 -> query.append("n", random.nextInt(40));
      case 2 -> query.append("updatedAt", new Document("$lte", instant(random)));
      case 3 ->
          query.append(
              "$and",
              List.of(
                  new Document(
                      "$or",
                      List.of(
                          new Document("n", null), new Document("n", new Document("$lt", 20))))));
      default -> {}
    }
    return query;
  }

  /** A BSON date (the driver writes {@link Date}; the store reads it as an {@link Instant}). */
  private static Date instant(Random random) {
    return Date.from(EPOCH.plusSeconds(random.nextInt(60 * 86_400)));
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
