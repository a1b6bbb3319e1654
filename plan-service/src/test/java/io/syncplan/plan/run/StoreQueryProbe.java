package io.syncplan.plan.run;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.syncplan.embedded.EmbeddedMongo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bson.Document;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which queries the standalone stack's store (mongo-java-server, H2 backend in a file, as {@link
 * EmbeddedMongo#inFile} opens it) answers without reading every document: times each kind of query
 * on collections of two sizes. A query the {@code _id} index serves takes as long at both sizes;
 * one that scans grows with the collection.
 *
 * <p>usage: {@code StoreQueryProbe FOLDER SIZE...} (a new store file in FOLDER per size)
 */
final class StoreQueryProbe {

  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final int REPEAT = 7;

  private StoreQueryProbe() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    Files.createDirectories(folder);
    for (String size : Arrays.copyOfRange(args, 1, args.length)) {
      probe(folder.resolve("probe-" + size + ".mv"), Integer.parseInt(size));
    }
  }

  private static void probe(Path file, int size) throws IOException {
    Files.deleteIfExists(file);
    try (EmbeddedMongo store = EmbeddedMongo.inFile(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(store.connectionString())) {
      MongoCollection<Document> docs = client.getDatabase("probe").getCollection("docs");
      String padding = "x".repeat(400);
      for (int from = 0; from < size; from += 1_000) {
        List<Document> batch = new ArrayList<>();
        for (int i = from; i < Math.min(size, from + 1_000); i++) {
          batch.add(
              new Document("_id", key(i)).append("group", "g" + i % 100).append("pad", padding));
        }
        Mono.from(docs.insertMany(batch)).block(WAIT);
      }
      int mid = size / 2;
      System.out.printf("%,d documents of about 450 bytes (ms, median of %d)%n", size, REPEAT);
      time("_id equality", () -> docs.find(Filters.eq("_id", key(mid))));
      time("_id $in of 10", () -> docs.find(Filters.in("_id", keys(mid, mid + 10))));
      time(
          "_id range of 10 ($gte, $lt)",
          () ->
              docs.find(
                  Filters.and(Filters.gte("_id", key(mid)), Filters.lt("_id", key(mid + 10)))));
      time(
          "_id $gte, sort _id, limit 10",
          () -> docs.find(Filters.gte("_id", key(mid))).sort(Sorts.ascending("_id")).limit(10));
      time(
          "all, sort _id desc, limit 10",
          () -> docs.find().sort(Sorts.descending("_id")).limit(10));
      time(
          "_id prefix regex (10 match)",
          () -> docs.find(Filters.regex("_id", Pattern.compile("^" + key(mid).substring(0, 8)))));
      time(
          "count of an _id range of 10",
          () ->
              docs.countDocuments(
                  Filters.and(Filters.gte("_id", key(mid)), Filters.lt("_id", key(mid + 10)))));
      time(
          "_id equality and another field ($and)",
          () ->
              docs.find(
                  Filters.and(Filters.eq("_id", key(mid)), Filters.eq("group", "g" + mid % 100))));
      time(
          "_id equality beside another field (flat)",
          () -> docs.find(new Document("_id", key(mid)).append("group", "g" + mid % 100)));
      time("other field equality (no index)", () -> docs.find(Filters.eq("group", "g7")).limit(10));
    }
  }

  private static String key(int i) {
    return String.format("k%08d", i);
  }

  private static List<String> keys(int from, int to) {
    List<String> keys = new ArrayList<>();
    for (int i = from; i < to; i++) {
      keys.add(key(i));
    }
    return keys;
  }

  private static void time(String what, Supplier<Publisher<?>> query) {
    long[] millis = new long[REPEAT];
    int found = 0;
    // two rounds first, unmeasured: the JIT and the store's page cache
    for (int round = -2; round < REPEAT; round++) {
      long start = System.nanoTime();
      found = Flux.from(query.get()).collectList().block(WAIT).size();
      if (round >= 0) {
        millis[round] = Duration.ofNanos(System.nanoTime() - start).toMillis();
      }
    }
    Arrays.sort(millis);
    System.out.printf("  %-36s %8d ms  (%d answer(s))%n", what, millis[REPEAT / 2], found);
  }
}
